//! A request about one open document: what its handler reads ([`Context`]), and the request
//! parameters that name the document ([`Named`]).

use dms_rules::Options;
use lsp_types::Uri;

use crate::document::{Analysis, Document};
use crate::position::Encoding;

/// What a request handler reads.
pub struct Context<'a> {
    pub document: &'a Document,
    pub encoding: Encoding,
    pub options: &'a Options,
    pub root: Option<&'a std::path::Path>,
}

impl Context<'_> {
    /// The document's findings (brought up to date before any handler runs).
    pub fn analysis(&self) -> Option<&Analysis> {
        self.document.analysis.as_ref()
    }
}

/// Request parameters that name a document.
pub trait Named {
    fn uri(&self) -> &Uri;
}

impl Named for lsp_types::HoverParams {
    fn uri(&self) -> &Uri {
        &self.text_document_position_params.text_document.uri
    }
}

impl Named for lsp_types::CompletionParams {
    fn uri(&self) -> &Uri {
        &self.text_document_position.text_document.uri
    }
}

impl Named for lsp_types::CodeActionParams {
    fn uri(&self) -> &Uri {
        &self.text_document.uri
    }
}
