//! Reading one mapping: where each expression is written, and the findings made on the way,
//! each reported where the user can see it.

use std::path::Path;

use super::module::{Module, Source};
use crate::diagnostic::{Diagnostic, Label};
use crate::span::Span;

/// Where an expression is written.
#[derive(Debug, Clone, Copy)]
pub(super) struct Place<'m> {
    pub source: &'m Source<'m>,
    /// The host bytes of the first reference that led here from the host file: where findings
    /// in another file are reported.
    pub via: Option<Span>,
}

/// The reading of one mapping, and what it found about the host file.
#[derive(Debug)]
pub(super) struct Reading<'m> {
    pub module: &'m Module<'m>,
    pub diagnostics: Vec<Diagnostic>,
    /// The mapping's value in the host file.
    pub(super) value: Span,
    pub(super) steps: usize,
    /// The values references led to, so a value read through a reference is not read again
    /// where it is written.
    pub(super) landed: Vec<*const hcl_edit::expr::Expression>,
}

impl<'m> Reading<'m> {
    pub(super) fn new(module: &'m Module<'m>, value: Span) -> Self {
        Reading {
            module,
            diagnostics: Vec::new(),
            value,
            steps: 0,
            landed: Vec::new(),
        }
    }

    /// Reports `diagnostic`, found at `place`: a finding in another file is moved onto the
    /// reference in the host file that led there.
    pub(super) fn report(&mut self, place: &Place<'m>, mut diagnostic: Diagnostic) {
        if !self.module.is_host(place.source) {
            let path = place.source.path.as_deref().unwrap_or(Path::new(""));
            diagnostic.message = format!("{} (in `{}`)", diagnostic.message, self.shown(path));
            diagnostic.primary.span = place.via.unwrap_or(self.value);
            diagnostic.secondary.clear();
        } else if let Some(via) = place.via {
            if via != diagnostic.primary.span {
                diagnostic = diagnostic.with_label(Label::new(via, "the mapping comes from here"));
            }
        }
        self.diagnostics.push(diagnostic);
    }

    pub(super) fn shown(&self, path: &Path) -> String {
        // Both with `.` and `..` resolved: the host's path may hold them, a file's path never.
        let path = super::files::normalize(path);
        let dir = self.module.host.dir().map(super::files::normalize);
        let inside = dir.as_deref().and_then(|dir| path.strip_prefix(dir).ok());
        inside.unwrap_or(&path).display().to_string()
    }
}
