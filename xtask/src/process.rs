//! Running external commands the same way everywhere: print the command line first, stream its
//! output to the terminal, and turn a non-zero exit into an error that names the command and its
//! exit code — so a failure deep in a long run says exactly what to rerun by hand.

use std::ffi::OsStr;
use std::process::{Command, ExitStatus, Stdio};

use anyhow::{bail, Context, Result};

/// Runs `command` with inherited stdio after printing it; fails unless it exits with 0.
pub fn run(command: &mut Command) -> Result<()> {
    let status = status(command)?;
    check(command, status)
}

/// Runs `command` like [`run`] but hands back its exit status instead of failing on it.
pub fn status(command: &mut Command) -> Result<ExitStatus> {
    let line = describe(command);
    println!("$ {line}");
    command
        .stdin(Stdio::inherit())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .status()
        .with_context(|| format!("could not start `{line}`"))
}

/// Fails with the command line and how it ended unless `status` is a success.
pub fn check(command: &Command, status: ExitStatus) -> Result<()> {
    if status.success() {
        Ok(())
    } else {
        bail!("`{}` failed ({})", describe(command), exit_text(status))
    }
}

/// Replaces this process with `command` (Unix `exec`; elsewhere runs it and exits with its
/// code): signals such as Ctrl-C and the exit code then belong to it, with no xtask in between.
/// Returns only if it could not start.
pub fn replace(command: &mut Command) -> anyhow::Error {
    println!("$ {}", describe(command));
    #[cfg(unix)]
    let error = {
        use std::os::unix::process::CommandExt;
        anyhow::Error::new(command.exec())
    };
    #[cfg(not(unix))]
    let error = match command.status() {
        Ok(status) => std::process::exit(status.code().unwrap_or(1)),
        Err(error) => anyhow::Error::new(error),
    };
    error.context(format!("could not start `{}`", describe(command)))
}

/// A probe: runs `command` quietly and returns its stdout (stderr appended, since some tools
/// print their version there), or `None` when it cannot start or exits non-zero. Used to ask a
/// tool its version, where "missing" and "broken" both mean "install it".
pub fn probe(command: &mut Command) -> Option<String> {
    let output = command.stdin(Stdio::null()).output().ok()?;
    if !output.status.success() {
        return None;
    }
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    Some(text)
}

/// "exit code 101", or the signal that ended the process.
pub fn exit_text(status: ExitStatus) -> String {
    if let Some(code) = status.code() {
        return format!("exit code {code}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("killed by signal {signal}");
        }
    }
    "no exit code".to_owned()
}

/// The command as one could paste it into a shell: the variables we set (except PATH, which is
/// long and only ever extended), the program and its arguments, quoted where needed.
pub fn describe(command: &Command) -> String {
    let mut parts: Vec<String> = command
        .get_envs()
        .filter(|(key, _)| *key != "PATH")
        .filter_map(|(key, value)| value.map(|v| format!("{}={}", key.to_string_lossy(), quote(v))))
        .collect();
    // `$CARGO` is a long toolchain path; "cargo" is what one would type, and runs the same.
    let program = command.get_program();
    let is_cargo = std::path::Path::new(program).file_stem() == Some(OsStr::new("cargo"));
    parts.push(if is_cargo {
        "cargo".to_owned()
    } else {
        quote(program)
    });
    parts.extend(command.get_args().map(quote));
    parts.join(" ")
}

fn quote(word: &OsStr) -> String {
    let word = word.to_string_lossy();
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,~^".contains(c));
    if plain {
        word.into_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_a_command_as_a_shell_line() {
        let mut command = Command::new("cargo");
        command
            .args(["install", "trunk", "--version", "~0.21"])
            .arg("with space")
            .env("FOURFLOW_TEST_BACKEND", "sqlite")
            .env("PATH", "/long/path");
        assert_eq!(
            describe(&command),
            "FOURFLOW_TEST_BACKEND=sqlite cargo install trunk --version ~0.21 'with space'"
        );
    }
}
