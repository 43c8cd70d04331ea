//! The `rinse` command line: a thin adapter over the core.
//!
//! Output is never partial: everything is computed in memory first; files
//! are written to a temporary file beside the target and renamed into place
//! only when all of them are ready, so an error leaves no half-written file
//! and an existing output untouched.

use clap::{Parser, Subcommand, ValueEnum};
use rinse::batch;
use rinse::charset::{self, How};
use rinse::model::Format;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "rinse",
    version,
    about = "Cleans injected spam, broken punctuation and trailing foreign banners from news pages"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Clean a document and print the result.
    #[command(after_help = CLEAN_NOTES)]
    Clean(CleanArgs),
}

const CLEAN_NOTES: &str = "\
Input encoding: a byte-order mark wins; then UTF-8; then UTF-8 with a few stray
Windows-1252 bytes; then (HTML) a <meta charset> or http-equiv declaration in the
first 1024 bytes; then a detected encoding. Binary input (NUL bytes) is refused.
Output is always UTF-8; when HTML input was transcoded, its <meta> charset
declaration is rewritten to utf-8.

Exit status: 0 on success, 1 on any error (nothing is written then), 2 on bad usage.";

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Rewrite the page in place: every byte outside the fixes stays as it was.
    Html,
    /// Plain text, one block a line; the line structure is kept.
    Text,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Html => Format::Html,
            FormatArg::Text => Format::Text,
        }
    }
}

#[derive(clap::Args)]
struct CleanArgs {
    /// Input format (with --jsonl: the format of lines that give none).
    #[arg(long, value_enum, default_value = "html")]
    format: FormatArg,
    /// Also write the report here: every finding (what changed, where, why,
    /// how sure) and the counts per kind, as JSON. Not with --jsonl.
    #[arg(long, value_name = "FILE.json", conflicts_with = "jsonl")]
    report: Option<PathBuf>,
    /// Write the cleaned document here instead of standard output. An
    /// existing file is replaced only when cleaning succeeded.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
    /// Batch mode: each input line is a JSON object {"id", "format", "content"}
    /// ("format" is "html" or "text", optional); each output line is
    /// {"id", "content", "findings"}. Blank lines are skipped. A malformed line
    /// fails the whole batch (non-zero exit, no output) naming its line number.
    #[arg(long)]
    jsonl: bool,
    /// Input file; `-` or nothing reads standard input.
    #[arg(value_name = "FILE|-")]
    input: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Clean(args) => run_clean(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("rinse: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_clean(args: &CleanArgs) -> Result<(), String> {
    let bytes = read_input(&args.input)?;
    let (out, report) = if args.jsonl {
        (batch::clean_jsonl(&bytes, args.format.into())?, None)
    } else {
        let (out, report) = clean_one(&bytes, args.format.into())?;
        (out, Some(report))
    };
    // Stage every file before any is put in place. The report is written
    // out only when asked for: a page with many repairs makes a long one.
    let report_file = match (&args.report, report) {
        (Some(path), Some(report)) => {
            let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n";
            Some(Staged::write(path, json.as_bytes())?)
        }
        _ => None,
    };
    match &args.output {
        Some(path) => Staged::write(path, &out)?.commit()?,
        None => write_stdout(&out)?,
    }
    if let Some(file) = report_file {
        file.commit()?;
    }
    Ok(())
}

fn read_input(path: &Option<PathBuf>) -> Result<Vec<u8>, String> {
    match path {
        Some(p) if p.as_os_str() != "-" => {
            fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))
        }
        _ => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(bytes)
        }
    }
}

/// Cleans one document given as bytes in any encoding; the result is UTF-8.
fn clean_one(bytes: &[u8], format: Format) -> Result<(Vec<u8>, rinse::Report), String> {
    let decoded = charset::decode(bytes, format == Format::Html)?;
    note_decoding(&decoded);
    let text = if format == Format::Html && decoded.transcoded() {
        charset::declare_utf8(&decoded.text)
    } else {
        decoded.text
    };
    let (cleaned, report) = batch::clean_str(&text, format)?;
    let mut out = Vec::with_capacity(cleaned.len() + 3);
    if decoded.utf8_bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    out.extend_from_slice(cleaned.as_bytes());
    Ok((out, report))
}

/// Says on standard error when the input was not plain UTF-8, so a changed
/// encoding never goes unnoticed.
fn note_decoding(d: &charset::Decoded) {
    let name = d.encoding.name();
    match d.how {
        How::Utf8 => {}
        How::Bom if d.utf8_bom => {}
        How::Bom => eprintln!("rinse: note: read as {name} (byte-order mark); writing UTF-8"),
        How::Utf8WithStrayBytes(n) => {
            eprintln!("rinse: note: read as UTF-8 with {n} stray byte(s) taken as windows-1252")
        }
        How::Declared => {
            eprintln!("rinse: note: read as {name} (declared in <meta>); writing UTF-8")
        }
        How::Detected => eprintln!("rinse: note: read as {name} (detected); writing UTF-8"),
    }
    if d.lossy {
        eprintln!("rinse: warning: some bytes are not valid {name} and became U+FFFD");
    }
}

fn write_stdout(bytes: &[u8]) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("cannot write standard output: {e}"))
}

/// A file written in full beside its destination, put in place by
/// [`Staged::commit`]; dropped uncommitted, it is deleted.
struct Staged {
    temp: PathBuf,
    dest: PathBuf,
    committed: bool,
}

impl Staged {
    fn write(dest: &Path, bytes: &[u8]) -> Result<Self, String> {
        let cannot = |e: std::io::Error| format!("cannot write {}: {e}", dest.display());
        if dest.is_dir() {
            return Err(format!(
                "cannot write {}: it is a directory",
                dest.display()
            ));
        }
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut attempt = 0;
        let (temp, mut file) = loop {
            let temp = dir.join(format!(
                ".{name}.rinse-{}-{attempt}.tmp",
                std::process::id()
            ));
            match File::options().write(true).create_new(true).open(&temp) {
                Ok(file) => break (temp, file),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1
                }
                Err(e) => return Err(cannot(e)),
            }
        };
        let staged = Staged {
            temp,
            dest: dest.to_path_buf(),
            committed: false,
        };
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .map_err(cannot)?;
        // A replaced file keeps its permissions.
        if let Ok(meta) = fs::metadata(dest) {
            let _ = fs::set_permissions(&staged.temp, meta.permissions());
        }
        Ok(staged)
    }

    fn commit(mut self) -> Result<(), String> {
        fs::rename(&self.temp, &self.dest)
            .map_err(|e| format!("cannot write {}: {e}", self.dest.display()))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.temp);
        }
    }
}
