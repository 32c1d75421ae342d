//! `--config PATH` and `--no-config`: which configuration file applies to each checked file
//! (the nearest `dms-rules.toml` or `.dms-rules.toml` above it, unless one is named or none is
//! wanted), read once each, and the options a file is checked with: the configuration's, with
//! the flags given on the command line over them.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use dms_rules::config::Config;
use dms_rules::{Diagnostic, Options};

use crate::args::ConfigArgs;

/// A configuration file as read: its text, what it sets, and the problems found in it.
#[derive(Debug)]
pub struct Loaded {
    /// The path as reports show it.
    pub name: String,
    pub text: String,
    pub config: Config,
    pub problems: Vec<Diagnostic>,
}

/// The configuration files of a run.
#[derive(Debug)]
pub struct Configs {
    choice: Choice,
    /// Each folder's configuration, found once; `None` where there is none.
    by_dir: RefCell<HashMap<PathBuf, Option<Rc<Loaded>>>>,
    /// Every file read, in the order read, each once.
    read: RefCell<Vec<Rc<Loaded>>>,
    /// Files found that could not be read.
    errors: RefCell<Vec<String>>,
}

#[derive(Debug)]
enum Choice {
    Nearest,
    Named(Rc<Loaded>),
    Off,
}

impl Configs {
    /// As the flags say; a configuration named with `--config` that cannot be read is an error
    /// for the user.
    pub fn new(args: &ConfigArgs) -> Result<Configs, String> {
        let choice = match (&args.config, args.no_config) {
            (_, true) => Choice::Off,
            (Some(path), false) => Choice::Named(Rc::new(load(path)?)),
            (None, false) => Choice::Nearest,
        };
        let read = match &choice {
            Choice::Named(loaded) => vec![loaded.clone()],
            _ => Vec::new(),
        };
        Ok(Configs {
            choice,
            by_dir: RefCell::new(HashMap::new()),
            read: RefCell::new(read),
            errors: RefCell::new(Vec::new()),
        })
    }

    /// The configuration of the file at `path` (`None`: standard input, whose configuration is
    /// the one of the current directory).
    pub fn of(&self, path: Option<&Path>) -> Option<Rc<Loaded>> {
        match &self.choice {
            Choice::Off => None,
            Choice::Named(loaded) => Some(loaded.clone()),
            Choice::Nearest => {
                let dir = match path.and_then(Path::parent) {
                    Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                if let Some(found) = self.by_dir.borrow().get(&dir) {
                    return found.clone();
                }
                let found = dms_rules::config::find(&dir).and_then(|file| self.read_once(&file));
                self.by_dir.borrow_mut().insert(dir, found.clone());
                found
            }
        }
    }

    fn read_once(&self, file: &Path) -> Option<Rc<Loaded>> {
        if let Some(loaded) = self.read.borrow().iter().find(|l| l.config.path == file) {
            return Some(loaded.clone());
        }
        match load(file) {
            Ok(loaded) => {
                let loaded = Rc::new(loaded);
                self.read.borrow_mut().push(loaded.clone());
                Some(loaded)
            }
            Err(message) => {
                self.errors.borrow_mut().push(message);
                None
            }
        }
    }

    /// Every configuration file read so far.
    pub fn read(&self) -> Vec<Rc<Loaded>> {
        self.read.borrow().clone()
    }

    /// The configuration files found that could not be read.
    pub fn errors(&self) -> Vec<String> {
        self.errors.borrow().clone()
    }
}

fn load(path: &Path) -> Result<Loaded, String> {
    let name = crate::output::shown_path(path);
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the configuration `{name}`: {e}"))?;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let (config, problems) = Config::parse(&text, &absolute);
    Ok(Loaded {
        name,
        text,
        config,
        problems,
    })
}

/// The options `file` is checked with: the configuration's for it, then every flag given.
pub fn options(flags: &Options, loaded: Option<&Loaded>, file: Option<&Path>) -> Options {
    let mut options =
        loaded.map_or_else(Options::default, |l| l.config.settings_of(file).options());
    options.dialect = flags.dialect.or(options.dialect);
    options.operation = flags.operation.or(options.operation);
    options.source_engine = flags.source_engine.or(options.source_engine);
    options.target_engine = flags.target_engine.or(options.target_engine);
    options.migration_type = flags.migration_type.or(options.migration_type);
    options.max_input_len = flags.max_input_len;
    options
}

/// For the commands that read one configuration (`explain`, `fmt`, `diff`): the options the
/// file at `path` is read with. A problem in the configuration is said on standard error, one
/// line each (`lint` reports them in full); what has none still applies.
pub fn options_for(
    args: &ConfigArgs,
    flags: &Options,
    path: Option<&Path>,
) -> Result<Options, String> {
    Ok(settings_for(args, flags, path)?.0)
}

/// As [`options_for`], with the configuration's `catalog` (resolved against its folder).
pub fn settings_for(
    args: &ConfigArgs,
    flags: &Options,
    path: Option<&Path>,
) -> Result<(Options, Option<String>), String> {
    let configs = Configs::new(args)?;
    let loaded = configs.of(path);
    if let Some(message) = configs.errors().into_iter().next() {
        return Err(message);
    }
    if let Some(loaded) = &loaded {
        for problem in &loaded.problems {
            let (line, column) =
                dms_rules::span::line_column(loaded.text.as_bytes(), problem.primary.span.start);
            crate::output::stderr(format_args!(
                "warning: {}:{line}:{column}: {} ({}); `dms-rules lint` reports it in full\n",
                loaded.name, problem.message, problem.code
            ));
        }
    }
    let catalog = loaded
        .as_ref()
        .and_then(|l| l.config.settings_of(path).catalog);
    Ok((options(flags, loaded.as_deref(), path), catalog))
}
