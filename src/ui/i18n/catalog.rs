//! For the tests: what each `.ftl` file holds, message by message, and
//! which variables each message uses.

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::FluentResource;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::Language;
use super::translations::source;

/// Message id → the variables its value (and attributes) use.
pub type Catalog = BTreeMap<String, BTreeSet<String>>;

/// The catalog of `language`, or the parse errors of its file.
pub fn catalog(language: Language) -> Result<Catalog, String> {
    let resource = FluentResource::try_new(source(language).to_owned())
        .map_err(|(_, errors)| format!("{}: {errors:?}", language.code()))?;
    let mut catalog = Catalog::new();
    for entry in resource.entries() {
        match entry {
            Entry::Message(message) => {
                let mut variables = BTreeSet::new();
                let patterns = message.value.iter();
                for pattern in patterns.chain(message.attributes.iter().map(|a| &a.value)) {
                    pattern_variables(pattern, &mut variables);
                }
                catalog.insert(message.id.name.to_owned(), variables);
            }
            Entry::Junk { content } => {
                return Err(format!("{}: junk: {content}", language.code()));
            }
            _ => {}
        }
    }
    Ok(catalog)
}

fn pattern_variables(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
        Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, out);
            }
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}
