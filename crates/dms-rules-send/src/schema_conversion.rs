//! The Schema Conversion calls that take selection rules and start a request: one typed
//! request per call, each sent with [`ValidatedRules`] only.

use super::call::{Call, RequestKind};
use super::client::{Origin, RequestId, Sender};
use super::error::SendError;
use dms_rules::{Dialect, ValidatedRules};

/// `StartMetadataModelImport`: load the selected objects' metadata into the project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRequest {
    /// The migration project's name or ARN (`MigrationProjectIdentifier`).
    pub migration_project: String,
    /// `Origin`: the data provider to import from; the rules' `server-name` must name it.
    pub origin: Origin,
    /// `true` reloads the selected objects and drops what was loaded under them before;
    /// `false` (the service's default) loads only what is not loaded yet.
    pub refresh: bool,
}

impl ImportRequest {
    /// An import into `migration_project` from `origin`, without refresh.
    pub fn new(migration_project: impl Into<String>, origin: Origin) -> Self {
        ImportRequest {
            migration_project: migration_project.into(),
            origin,
            refresh: false,
        }
    }
}

/// `StartMetadataModelConversion`: convert the selected source objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversionRequest {
    /// The migration project's name or ARN.
    pub migration_project: String,
}

/// `StartMetadataModelAssessment`: assess the conversion of the selected source objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentRequest {
    /// The migration project's name or ARN.
    pub migration_project: String,
}

/// `StartMetadataModelExportAsScript`: save the selected objects as a SQL script in the
/// project's Amazon S3 bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportAsScriptRequest {
    /// The migration project's name or ARN.
    pub migration_project: String,
    /// `Origin`: export the source's objects, or the converted target ones.
    pub origin: Origin,
    /// `FileName`: the script's name in the bucket; the service picks one when `None`.
    pub file_name: Option<String>,
}

/// `StartMetadataModelExportToTarget`: apply the selected converted objects to the target
/// database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportToTargetRequest {
    /// The migration project's name or ARN.
    pub migration_project: String,
    /// `OverwriteExtensionPack`: replace the extension pack already in the target. Always
    /// sent, so the request says what it means (the service overwrites when it is left out).
    pub overwrite_extension_pack: bool,
}

/// Any of the five requests, for callers that choose the call at run time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartRequest {
    /// See [`ImportRequest`].
    Import(ImportRequest),
    /// See [`ConversionRequest`].
    Conversion(ConversionRequest),
    /// See [`AssessmentRequest`].
    Assessment(AssessmentRequest),
    /// See [`ExportAsScriptRequest`].
    ExportAsScript(ExportAsScriptRequest),
    /// See [`ExportToTargetRequest`].
    ExportToTarget(ExportToTargetRequest),
}

impl StartRequest {
    /// Which request it starts.
    pub fn kind(&self) -> RequestKind {
        match self {
            StartRequest::Import(_) => RequestKind::Import,
            StartRequest::Conversion(_) => RequestKind::Conversion,
            StartRequest::Assessment(_) => RequestKind::Assessment,
            StartRequest::ExportAsScript(_) => RequestKind::ExportAsScript,
            StartRequest::ExportToTarget(_) => RequestKind::ExportToTarget,
        }
    }

    /// The migration project it runs in.
    pub fn migration_project(&self) -> &str {
        match self {
            StartRequest::Import(r) => &r.migration_project,
            StartRequest::Conversion(r) => &r.migration_project,
            StartRequest::Assessment(r) => &r.migration_project,
            StartRequest::ExportAsScript(r) => &r.migration_project,
            StartRequest::ExportToTarget(r) => &r.migration_project,
        }
    }
}

impl Sender {
    /// Calls `StartMetadataModelImport` with the rules exactly as the user wrote them, and
    /// returns the service's `RequestIdentifier`.
    pub async fn start_import(
        &self,
        rules: &ValidatedRules<'_>,
        request: &ImportRequest,
    ) -> Result<RequestId, SendError> {
        let call = Call::StartMetadataModelImport;
        let text = selection_rules(call, rules)?;
        let output = self
            .client
            .start_metadata_model_import()
            .migration_project_identifier(&request.migration_project)
            .selection_rules(text)
            .origin(request.origin.to_sdk())
            // Always sent, so the request says what it means whatever the service's default.
            .refresh(request.refresh)
            .send()
            .await
            .map_err(|e| SendError::from_sdk(call, e, self.call_timeout))?;
        request_id(call, output.request_identifier)
    }

    /// Calls `StartMetadataModelConversion` with the rules as written.
    pub async fn start_conversion(
        &self,
        rules: &ValidatedRules<'_>,
        request: &ConversionRequest,
    ) -> Result<RequestId, SendError> {
        let call = Call::StartMetadataModelConversion;
        let text = selection_rules(call, rules)?;
        let output = self
            .client
            .start_metadata_model_conversion()
            .migration_project_identifier(&request.migration_project)
            .selection_rules(text)
            .send()
            .await
            .map_err(|e| SendError::from_sdk(call, e, self.call_timeout))?;
        request_id(call, output.request_identifier)
    }

    /// Calls `StartMetadataModelAssessment` with the rules as written.
    pub async fn start_assessment(
        &self,
        rules: &ValidatedRules<'_>,
        request: &AssessmentRequest,
    ) -> Result<RequestId, SendError> {
        let call = Call::StartMetadataModelAssessment;
        let text = selection_rules(call, rules)?;
        let output = self
            .client
            .start_metadata_model_assessment()
            .migration_project_identifier(&request.migration_project)
            .selection_rules(text)
            .send()
            .await
            .map_err(|e| SendError::from_sdk(call, e, self.call_timeout))?;
        request_id(call, output.request_identifier)
    }

    /// Calls `StartMetadataModelExportAsScript` with the rules as written.
    pub async fn start_export_as_script(
        &self,
        rules: &ValidatedRules<'_>,
        request: &ExportAsScriptRequest,
    ) -> Result<RequestId, SendError> {
        let call = Call::StartMetadataModelExportAsScript;
        let text = selection_rules(call, rules)?;
        let output = self
            .client
            .start_metadata_model_export_as_script()
            .migration_project_identifier(&request.migration_project)
            .selection_rules(text)
            .origin(request.origin.to_sdk())
            .set_file_name(request.file_name.clone())
            .send()
            .await
            .map_err(|e| SendError::from_sdk(call, e, self.call_timeout))?;
        request_id(call, output.request_identifier)
    }

    /// Calls `StartMetadataModelExportToTarget` with the rules as written.
    pub async fn start_export_to_target(
        &self,
        rules: &ValidatedRules<'_>,
        request: &ExportToTargetRequest,
    ) -> Result<RequestId, SendError> {
        let call = Call::StartMetadataModelExportToTarget;
        let text = selection_rules(call, rules)?;
        let output = self
            .client
            .start_metadata_model_export_to_target()
            .migration_project_identifier(&request.migration_project)
            .selection_rules(text)
            .overwrite_extension_pack(request.overwrite_extension_pack)
            .send()
            .await
            .map_err(|e| SendError::from_sdk(call, e, self.call_timeout))?;
        request_id(call, output.request_identifier)
    }

    /// Starts whichever request `request` is.
    pub async fn start(
        &self,
        rules: &ValidatedRules<'_>,
        request: &StartRequest,
    ) -> Result<RequestId, SendError> {
        match request {
            StartRequest::Import(r) => self.start_import(rules, r).await,
            StartRequest::Conversion(r) => self.start_conversion(rules, r).await,
            StartRequest::Assessment(r) => self.start_assessment(rules, r).await,
            StartRequest::ExportAsScript(r) => self.start_export_as_script(rules, r).await,
            StartRequest::ExportToTarget(r) => self.start_export_to_target(rules, r).await,
        }
    }
}

/// The text to send, once the rules are known to be Schema Conversion selection rules.
fn selection_rules<'a>(call: Call, rules: &ValidatedRules<'a>) -> Result<&'a str, SendError> {
    match rules.dialect() {
        Dialect::SchemaConversion => Ok(rules.text()),
        dialect => Err(SendError::WrongDialect { call, dialect }),
    }
}

fn request_id(call: Call, id: Option<String>) -> Result<RequestId, SendError> {
    match id {
        Some(id) if !id.is_empty() => Ok(RequestId::from(id)),
        _ => Err(SendError::NoRequestIdentifier { call }),
    }
}
