//! The DMS calls the sender makes, named as the API and the AWS CLI name them, so errors and
//! help can say which call failed and how to follow up on it.

use std::fmt;

use dms_rules::Operation;

macro_rules! calls {
    ($($(#[$doc:meta])* $variant:ident => $api:literal, $cli:literal;)*) => {
        /// One DMS API call.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Call {
            $($(#[$doc])* $variant,)*
        }

        impl Call {
            /// The API name, such as `StartMetadataModelImport`: the `X-Amz-Target` operation
            /// and the IAM action after `dms:`.
            pub fn api_name(self) -> &'static str {
                match self { $(Call::$variant => $api,)* }
            }

            /// The AWS CLI name, such as `start-metadata-model-import`.
            pub fn cli_name(self) -> &'static str {
                match self { $(Call::$variant => $cli,)* }
            }
        }
    };
}

calls! {
    /// Starts loading metadata from a data provider into a migration project.
    StartMetadataModelImport => "StartMetadataModelImport", "start-metadata-model-import";
    /// Starts converting source objects.
    StartMetadataModelConversion => "StartMetadataModelConversion", "start-metadata-model-conversion";
    /// Starts assessing the conversion of source objects.
    StartMetadataModelAssessment => "StartMetadataModelAssessment", "start-metadata-model-assessment";
    /// Starts saving objects as a SQL script in the project's Amazon S3 bucket.
    StartMetadataModelExportAsScript => "StartMetadataModelExportAsScript", "start-metadata-model-export-as-script";
    /// Starts applying converted objects to the target database.
    StartMetadataModelExportToTarget => "StartMetadataModelExportToTarget", "start-metadata-model-export-to-target";
    /// Lists import requests.
    DescribeMetadataModelImports => "DescribeMetadataModelImports", "describe-metadata-model-imports";
    /// Lists conversion requests.
    DescribeMetadataModelConversions => "DescribeMetadataModelConversions", "describe-metadata-model-conversions";
    /// Lists assessment requests.
    DescribeMetadataModelAssessments => "DescribeMetadataModelAssessments", "describe-metadata-model-assessments";
    /// Lists export-as-script requests.
    DescribeMetadataModelExportsAsScript => "DescribeMetadataModelExportsAsScript", "describe-metadata-model-exports-as-script";
    /// Lists export-to-target requests.
    DescribeMetadataModelExportsToTarget => "DescribeMetadataModelExportsToTarget", "describe-metadata-model-exports-to-target";
    /// Reads replication tasks, their table mappings included.
    DescribeReplicationTasks => "DescribeReplicationTasks", "describe-replication-tasks";
    /// Changes a replication task, such as its table mappings.
    ModifyReplicationTask => "ModifyReplicationTask", "modify-replication-task";
}

impl Call {
    /// True for the calls about a replication task rather than a migration project.
    pub fn is_task(self) -> bool {
        matches!(
            self,
            Call::DescribeReplicationTasks | Call::ModifyReplicationTask
        )
    }
}

impl fmt::Display for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.api_name())
    }
}

/// The Schema Conversion requests that run in the background, each started by a `Start*`
/// call and followed with its own `Describe*` call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestKind {
    /// `StartMetadataModelImport`, followed with `DescribeMetadataModelImports`.
    Import,
    /// `StartMetadataModelConversion`, followed with `DescribeMetadataModelConversions`.
    Conversion,
    /// `StartMetadataModelAssessment`, followed with `DescribeMetadataModelAssessments`.
    Assessment,
    /// `StartMetadataModelExportAsScript`, followed with `DescribeMetadataModelExportsAsScript`.
    ExportAsScript,
    /// `StartMetadataModelExportToTarget`, followed with `DescribeMetadataModelExportsToTarget`.
    ExportToTarget,
}

impl RequestKind {
    /// Every kind, in the order the calls are usually made.
    pub const ALL: [RequestKind; 5] = [
        RequestKind::Import,
        RequestKind::Assessment,
        RequestKind::Conversion,
        RequestKind::ExportAsScript,
        RequestKind::ExportToTarget,
    ];

    /// The operation whose constraints the rules must pass (`Options::operation`).
    pub fn operation(self) -> Operation {
        match self {
            RequestKind::Import => Operation::StartMetadataModelImport,
            RequestKind::Conversion => Operation::StartMetadataModelConversion,
            RequestKind::Assessment => Operation::StartMetadataModelAssessment,
            RequestKind::ExportAsScript => Operation::StartMetadataModelExportAsScript,
            RequestKind::ExportToTarget => Operation::StartMetadataModelExportToTarget,
        }
    }

    /// The kind started by `operation`; `None` for the calls that start no request.
    pub fn of(operation: Operation) -> Option<RequestKind> {
        RequestKind::ALL
            .into_iter()
            .find(|kind| kind.operation() == operation)
    }

    /// The `Start*` call.
    pub fn start_call(self) -> Call {
        match self {
            RequestKind::Import => Call::StartMetadataModelImport,
            RequestKind::Conversion => Call::StartMetadataModelConversion,
            RequestKind::Assessment => Call::StartMetadataModelAssessment,
            RequestKind::ExportAsScript => Call::StartMetadataModelExportAsScript,
            RequestKind::ExportToTarget => Call::StartMetadataModelExportToTarget,
        }
    }

    /// The `Describe*` call that lists requests of this kind.
    pub fn describe_call(self) -> Call {
        match self {
            RequestKind::Import => Call::DescribeMetadataModelImports,
            RequestKind::Conversion => Call::DescribeMetadataModelConversions,
            RequestKind::Assessment => Call::DescribeMetadataModelAssessments,
            RequestKind::ExportAsScript => Call::DescribeMetadataModelExportsAsScript,
            RequestKind::ExportToTarget => Call::DescribeMetadataModelExportsToTarget,
        }
    }

    /// How messages name it: `import`, `conversion`, `assessment`, `export`.
    pub fn noun(self) -> &'static str {
        match self {
            RequestKind::Import => "import",
            RequestKind::Conversion => "conversion",
            RequestKind::Assessment => "assessment",
            RequestKind::ExportAsScript | RequestKind::ExportToTarget => "export",
        }
    }
}

impl fmt::Display for RequestKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.noun())
    }
}
