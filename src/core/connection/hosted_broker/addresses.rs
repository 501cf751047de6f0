//! What others should type to reach a broker on this computer: this
//! machine's network addresses with the broker's port.

use std::net::{IpAddr, SocketAddr};

use crate::core::connection::broker::{BrokerAddress, Transport};

/// `mqtt://IP:PORT` (`mqtts://` with TLS) for each address of this computer that others on the
/// network can reach the listener `listen` on: IPv4 first, then IPv6.
/// Loopback and link-local addresses are left out (others can't use them),
/// and so is a family the listener does not accept. A listener on one
/// address gives just that address. Empty when the machine has no network.
pub fn lan_addresses(listen: SocketAddr, transport: Transport) -> Vec<String> {
    let port = listen.port();
    let ips: Vec<IpAddr> = if listen.ip().is_unspecified() {
        let mut ips: Vec<IpAddr> = if_addrs::get_if_addrs()
            .unwrap_or_default()
            .into_iter()
            .map(|interface| interface.ip())
            .filter(|ip| reachable_by_others(*ip) && accepted_by(listen.ip(), *ip))
            .collect();
        ips.sort_by_key(std::net::IpAddr::is_ipv6);
        ips.dedup();
        ips
    } else {
        vec![listen.ip()]
    };
    ips.into_iter().map(|ip| url(ip, port, transport)).collect()
}

/// `mqtt://IP:PORT` or `mqtts://IP:PORT` (brackets around IPv6).
fn url(ip: IpAddr, port: u16, transport: Transport) -> String {
    BrokerAddress::new(ip.to_string(), port, transport).to_string()
}

fn reachable_by_others(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => !v4.is_loopback() && !v4.is_link_local() && !v4.is_unspecified(),
        // fe80::/10 needs a zone (%eth0) that differs on every machine.
        IpAddr::V6(v6) => {
            !v6.is_loopback() && !v6.is_unspecified() && (v6.segments()[0] & 0xffc0) != 0xfe80
        }
    }
}

/// 0.0.0.0 accepts IPv4 only. `::` accepts IPv6, and IPv4 too where the
/// system maps it onto IPv6 listeners by default (Linux, macOS; rumqttd
/// leaves the default), which Windows does not.
fn accepted_by(listen: IpAddr, ip: IpAddr) -> bool {
    match listen {
        IpAddr::V4(_) => ip.is_ipv4(),
        IpAddr::V6(_) => ip.is_ipv6() || cfg!(not(windows)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listener_on_one_address_is_reached_there() {
        let listen: SocketAddr = "192.168.1.20:1999".parse().expect("address");
        assert_eq!(
            lan_addresses(listen, Transport::Tcp),
            ["mqtt://192.168.1.20:1999"]
        );
        let listen: SocketAddr = "[2001:db8::1]:1883".parse().expect("address");
        assert_eq!(
            lan_addresses(listen, Transport::Tcp),
            ["mqtt://[2001:db8::1]:1883"]
        );
        assert_eq!(
            lan_addresses(listen, Transport::Tls),
            ["mqtts://[2001:db8::1]:1883"]
        );
    }

    #[test]
    fn all_interfaces_give_no_loopback_and_the_right_family() {
        let v4_only = lan_addresses("0.0.0.0:1883".parse().expect("address"), Transport::Tcp);
        for url in &v4_only {
            assert!(
                url.starts_with("mqtt://") && url.ends_with(":1883"),
                "{url}"
            );
            assert!(!url.contains("127.0.0.1") && !url.contains('['), "{url}");
        }
        let both = lan_addresses("[::]:1883".parse().expect("address"), Transport::Tcp);
        assert!(both.len() >= v4_only.len(), "{both:?} vs {v4_only:?}");
        assert!(both.iter().all(|url| !url.contains("[::1]")), "{both:?}");
    }

    #[test]
    fn others_cannot_use_loopback_or_link_local() {
        for ip in ["127.0.0.1", "::1", "169.254.3.4", "fe80::1", "0.0.0.0"] {
            assert!(!reachable_by_others(ip.parse().expect("ip")), "{ip}");
        }
        for ip in ["192.168.1.20", "10.0.0.5", "2001:db8::1", "fd00::5"] {
            assert!(reachable_by_others(ip.parse().expect("ip")), "{ip}");
        }
    }
}
