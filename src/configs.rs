//! Each checked file's settings: the command line, over the `figcheck.toml` (or
//! `.figcheck.toml`) nearest above the file, or the one `--config` names. Each config file is
//! read once; a bad one is reported once, naming the file, and the files it governs are not
//! checked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use figcheck::Settings;
use figcheck::config::{FILE_NAMES, Options};

use crate::cli::CommonArgs;

/// A config file's options and the settings they make for this run.
type Loaded = Result<(Options, Settings), String>;

pub struct Configs<'a> {
    args: &'a CommonArgs,
    /// Config file → what reading it gave; `None` is "no config file".
    loaded: BTreeMap<Option<PathBuf>, Loaded>,
    /// Folder → the config file that governs it.
    governing: BTreeMap<PathBuf, Option<PathBuf>>,
}

/// A config file that could not be used.
pub struct ConfigError {
    pub path: String,
    pub message: String,
    /// Whether this config's error was already returned once.
    pub repeated: bool,
}

impl<'a> Configs<'a> {
    pub fn new(args: &'a CommonArgs) -> Configs<'a> {
        Configs {
            args,
            loaded: BTreeMap::new(),
            governing: BTreeMap::new(),
        }
    }

    /// The config file that governs `input` (a file, a folder, or `-` for the current folder).
    pub fn file_for(&mut self, input: &Path) -> Option<PathBuf> {
        if let Some(explicit) = &self.args.config {
            return Some(explicit.clone());
        }
        let folder = if input.as_os_str() == "-" || input.is_dir() {
            input_folder(input)
        } else {
            input_folder(input.parent().unwrap_or(Path::new("")))
        };
        if let Some(found) = self.governing.get(&folder) {
            return found.clone();
        }
        let found = folder.ancestors().find_map(|dir| {
            FILE_NAMES
                .iter()
                .map(|name| dir.join(name))
                .find(|candidate| candidate.is_file())
        });
        self.governing.insert(folder, found.clone());
        found
    }

    /// The settings for `input`, with the options of its config file.
    pub fn settings_for(&mut self, input: &Path) -> Result<(Options, Settings), ConfigError> {
        let file = self.file_for(input);
        let repeated = self.loaded.contains_key(&file);
        let loaded = self
            .loaded
            .entry(file.clone())
            .or_insert_with(|| load(self.args, file.as_deref()));
        loaded.clone().map_err(|message| ConfigError {
            path: file.map_or_else(String::new, |f| f.display().to_string()),
            message,
            repeated,
        })
    }
}

/// The absolute folder to search upward from ("" is the current folder).
fn input_folder(path: &Path) -> PathBuf {
    let path = if path.as_os_str() == "-" || path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn load(args: &CommonArgs, file: Option<&Path>) -> Loaded {
    let options = match file {
        None => Options::default(),
        Some(file) => {
            let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
            Options::parse(&text)?
        }
    };
    let mut settings = args.settings();
    options.apply(&mut settings)?;
    args.overlay_rules(&mut settings.rules);
    Ok((options, settings))
}
