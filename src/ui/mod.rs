pub fn run(_b: Option<crate::core::broker::BrokerAddress>) -> anyhow::Result<()> { Ok(()) }
