//! `dms-rules lsp`: the language server on standard input and output.

use std::io::{self, BufReader};

use dms_rules_lsp::Ending;

use crate::status::Status;

pub fn run() -> Status {
    match dms_rules_lsp::serve(BufReader::new(io::stdin()), io::stdout().lock()) {
        Ending::Exit => Status::Ok,
        // The protocol's exit status for an exit without shutdown is 1.
        Ending::Abandoned => Status::Findings,
        Ending::ClientGone => Status::CannotRun,
    }
}
