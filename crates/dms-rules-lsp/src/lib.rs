//! The language server of [dms-rules](dms_rules) (LSP 3.17), over any pair of streams: findings
//! as the document changes, at their exact bytes, with each code linked to its documentation;
//! the fixes as quick fixes, and "fix all" through [`dms_rules::fix`]; hover on keys, values
//! and findings; completion of the keys and values a rule may hold. Rules documents,
//! Terraform files and CloudFormation templates are served alike, each checked as `lint` checks
//! it: with the nearest `dms-rules.toml` (its options, code levels, overrides, suppressions and
//! catalog) and the file's suppression comments. A configuration file's own problems are
//! published on it, and it is read again when the client says it changed or it is saved; while
//! it is open, so are its `[[suppress]]` entries that silence nothing in the files they name.
//!
//! ```no_run
//! use std::io::{self, BufReader};
//!
//! // What `dms-rules lsp` does: serve the editor on standard input and output.
//! let ending = dms_rules_lsp::serve(BufReader::new(io::stdin()), io::stdout().lock());
//! std::process::exit(if ending == dms_rules_lsp::Ending::Exit { 0 } else { 1 });
//! ```
#![forbid(unsafe_code)]

mod actions;
mod completion;
mod config;
mod diagnostics;
mod document;
mod hover;
mod position;
mod request;
mod server;
mod transport;
mod tree;
mod unused;
mod vocabulary;

pub use server::{serve, Ending};
#[cfg(test)]
mod testing;
