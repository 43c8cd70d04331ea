//! The `rinse` command line: a thin adapter over the core.

use clap::{Parser, Subcommand, ValueEnum};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

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
    Clean(CleanArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Html,
    Text,
}

#[derive(clap::Args)]
struct CleanArgs {
    /// Input format.
    #[arg(long, value_enum, default_value = "html")]
    format: FormatArg,
    /// Write the report (findings and counts, JSON) to this file.
    #[arg(long, value_name = "FILE.json")]
    report: Option<PathBuf>,
    /// Write the cleaned document here instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
    /// Input file; `-` or nothing reads standard input.
    input: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Clean(args) => clean(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("rinse: {message}");
            ExitCode::FAILURE
        }
    }
}

fn read_input(path: &Option<PathBuf>) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    match path {
        Some(p) if p.as_os_str() != "-" => {
            bytes = std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?
        }
        _ => {
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
        }
    }
    Ok(bytes)
}

fn clean(args: &CleanArgs) -> Result<(), String> {
    let bytes = read_input(&args.input)?;
    let text = rinse::charset::decode(&bytes)?;
    let (out, report) = match args.format {
        FormatArg::Text => rinse::clean_text(&text),
        FormatArg::Html => rinse::html::clean_html(&text)?,
    };
    if let Some(path) = &args.report {
        let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
        std::fs::write(path, json).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    match &args.output {
        Some(path) => {
            std::fs::write(path, out).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        None => std::io::stdout()
            .write_all(out.as_bytes())
            .map_err(|e| e.to_string()),
    }
}
