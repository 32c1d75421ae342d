//! `dms::engine_mismatch`: the rules use something the given source or target engine does not
//! have. Runs only for the engines given ([`Options::source_engine`],
//! [`Options::target_engine`]); which facts the AWS guide documents is in `grammar/codes.md`.
//!
//! [`Options::source_engine`]: crate::Options::source_engine
//! [`Options::target_engine`]: crate::Options::target_engine

use crate::ast::{LobMode, ParallelLoadType, Rule, RuleTarget, SelectionRule};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label, Severity};
use crate::engine::{Engine, Family, SERVER_CATEGORIES};
use crate::lower::one_of;
use crate::options::Dialect;

/// The engines given.
#[derive(Debug, Clone, Copy)]
pub(super) struct Engines {
    pub source: Option<Engine>,
    pub target: Option<Engine>,
}

impl Engines {
    pub(super) fn any(self) -> bool {
        self.source.is_some() || self.target.is_some()
    }
}

pub(super) fn check(rule: &Rule<'_>, dialect: Dialect, engines: Engines, out: &mut Diagnostics) {
    match (dialect, rule) {
        (Dialect::SchemaConversion, Rule::Selection(selection)) => {
            schema_conversion(selection, engines, out)
        }
        (Dialect::TableMapping, _) => table_mapping(rule, engines, out),
        _ => {}
    }
}

fn table_mapping(rule: &Rule<'_>, engines: Engines, out: &mut Diagnostics) {
    match rule {
        Rule::Transformation(t) => {
            let (Some(target), Some(engine)) = (t.target, engines.target) else {
                return;
            };
            let tablespace = matches!(
                target.value,
                RuleTarget::TableTablespace | RuleTarget::IndexTablespace
            );
            if tablespace && engine.family() != Family::Oracle {
                out.push(
                    Diagnostic::warning(
                        Code::EngineMismatch,
                        format!(
                            "a `{}` transformation needs an Oracle target, and the target is {}",
                            target.value,
                            engine.display_name()
                        ),
                        Label::new(target.span, "Oracle targets only"),
                    )
                    .with_help("DMS renames tablespaces on Oracle targets only: remove this rule, or check `--target-engine`"),
                );
            }
        }
        Rule::PostProcessing(p) => {
            let (Some(engine), Some(kind)) = (engines.target, p.header.rule_type) else {
                return;
            };
            if engine != Engine::S3 {
                out.push(
                    Diagnostic::warning(
                        Code::EngineMismatch,
                        format!(
                            "`post-processing` rules tag Amazon S3 objects, and the target is {}",
                            engine.display_name()
                        ),
                        Label::new(kind.span, "Amazon S3 targets only"),
                    )
                    .with_help("DMS reads post-processing rules for Amazon S3 targets only: remove this rule, or check `--target-engine`"),
                );
            }
        }
        Rule::ObjectMapping(m) => {
            let (Some(engine), Some(kind)) = (engines.target, m.header.rule_type) else {
                return;
            };
            if !matches!(engine, Engine::DynamoDb | Engine::Kinesis | Engine::Kafka) {
                out.push(
                    Diagnostic::warning(
                        Code::EngineMismatch,
                        format!(
                            "`object-mapping` rules map records for DynamoDB, Kinesis and Kafka targets, and the target is {}",
                            engine.display_name()
                        ),
                        Label::new(kind.span, "DynamoDB, Kinesis and Kafka targets only"),
                    )
                    .with_help("DMS reads object-mapping rules for Amazon DynamoDB, Amazon Kinesis Data Streams and Apache Kafka targets only: remove this rule, or check `--target-engine`"),
                );
            }
        }
        Rule::TableSettings(settings) => {
            let Some(source) = engines.source else {
                return;
            };
            if let Some(load_type) = settings.parallel_load.as_ref().and_then(|l| l.load_type) {
                let unsupported = match (source.family(), load_type.value) {
                    (Family::Postgres, ParallelLoadType::Ranges) => None,
                    (Family::Postgres, _) => Some("PostgreSQL sources support only `ranges`"),
                    (Family::Oracle, ParallelLoadType::SubpartitionsAuto) => None,
                    (_, ParallelLoadType::SubpartitionsAuto) => {
                        Some("`subpartitions-auto` is for Oracle sources")
                    }
                    _ => None,
                };
                if let Some(why) = unsupported {
                    out.push(
                        Diagnostic::warning(
                            Code::EngineMismatch,
                            format!(
                                "`{}` parallel load does not work with a {} source",
                                load_type.value,
                                source.display_name()
                            ),
                            Label::new(load_type.span, why),
                        )
                        .with_help(format!(
                            "{why}: choose a parallel-load type the source supports, or check `--source-engine`"
                        )),
                    );
                }
            }
            if let Some(lob) = &settings.lob_settings {
                combination_mode(lob, engines, out);
            }
        }
        _ => {}
    }
}

/// Combination LOB mode (`unlimited` with a non-zero `bulk-max-size`) is for Db2 sources and
/// SAP ASE sources and targets (spec §3.6).
fn combination_mode(lob: &crate::ast::LobSettings<'_>, engines: Engines, out: &mut Diagnostics) {
    let (Some(source), Some(mode), Some(size)) = (engines.source, lob.mode, &lob.bulk_max_size)
    else {
        return;
    };
    let non_zero = size.value.trim().parse::<u64>().is_ok_and(|n| n > 0);
    let supported =
        |e: Engine| matches!(e.family(), Family::Db2Luw | Family::Db2Zos | Family::SapAse);
    let target_ase = engines.target.is_some_and(|e| e.family() == Family::SapAse);
    if mode.value == LobMode::Unlimited && non_zero && !supported(source) && !target_ase {
        out.push(
            Diagnostic::warning(
                Code::EngineMismatch,
                format!(
                    "combination LOB mode does not work with a {} source",
                    source.display_name()
                ),
                Label::new(size.span, "a non-zero size makes `unlimited` combination mode"),
            )
            .with_label(Label::new(mode.span, "unlimited mode"))
            .with_help("combination mode is for Db2 sources and SAP ASE sources and targets: set `bulk-max-size` to `0` for full LOB mode, or check `--source-engine`"),
        );
    }
}

/// Schema Conversion rules address the source or the target data provider (their
/// `server-name` says which, and that is not known here): a key or category is judged
/// against every engine given, and accepted when any of them has it.
fn schema_conversion(rule: &SelectionRule<'_>, engines: Engines, out: &mut Diagnostics) {
    let Some(locator) = &rule.locator else {
        return;
    };
    let given: Vec<Engine> = [engines.source, engines.target]
        .into_iter()
        .flatten()
        .collect();
    let named = names(&given);
    if let Some(database) = locator.database_name() {
        let documented: Vec<bool> = given.iter().filter_map(|e| e.has_databases()).collect();
        if !documented.is_empty() && !documented.contains(&true) {
            out.push(
                Diagnostic::error(
                    Code::EngineMismatch,
                    format!("`database-name` is a level of SQL Server and SAP ASE only, and the engine is {named}"),
                    Label::new(database.span(), "not a level of this engine"),
                )
                .with_help("Schema Conversion rejects `database-name` as an unsupported key for other engines: remove it, so the locator starts at `server-name` and `schema-name`"),
            );
        }
    }
    if let Some(category) = locator.category_name() {
        let lists: Vec<&[&str]> = given.iter().filter_map(|e| e.categories()).collect();
        let value = category.value();
        let known =
            lists.iter().any(|list| list.contains(&value)) || SERVER_CATEGORIES.contains(&value);
        // A value of no engine at all is `dms::invalid_value` already.
        let of_some_engine = Engine::ALL
            .iter()
            .filter_map(|e| e.categories())
            .any(|list| list.contains(&value));
        if !lists.is_empty() && !known && of_some_engine {
            let mut allowed: Vec<&str> = lists.iter().flat_map(|l| l.iter().copied()).collect();
            allowed.extend(SERVER_CATEGORIES);
            let mut seen = std::collections::HashSet::new();
            allowed.retain(|c| seen.insert(*c));
            out.push(
                Diagnostic::new(
                    Code::EngineMismatch,
                    Severity::Error,
                    format!("`{value}` is not a category of {named}"),
                    Label::new(category.span(), "another engine's category"),
                )
                .with_help(format!(
                    "Schema Conversion returns an error for a category of another engine; the categories of {named} are {} (case-sensitive)",
                    one_of(allowed.into_iter())
                )),
            );
        }
    }
}

/// "Oracle", "Oracle or PostgreSQL".
fn names(engines: &[Engine]) -> String {
    let names: Vec<&str> = engines.iter().map(|e| e.display_name()).collect();
    names.join(" or ")
}
