//! Files too large to read whole (over [`LARGE`]) are read in pieces of about [`PIECE`] bytes,
//! each cut after a blank line — outside a fenced code block in Markdown, outside a script,
//! style, pre or comment in HTML — so that memory stays bounded whatever the file's size. A
//! run of text with no such cut for four pieces' length is cut at a line end, and a line longer
//! than that at white space (a table or a dump, not prose). Each piece knows where it starts
//! in the file, so reported positions are the file's.

use std::io::{self, BufRead, Read};

use figcheck::ingest::InputFormat;
use figcheck::source::Offset;

/// Files over this size are read in pieces.
pub const LARGE: u64 = 16 << 20;
/// The size a piece is cut at, at the next blank line.
pub const PIECE: usize = 1 << 20;

pub struct Pieces<R> {
    reader: R,
    format: InputFormat,
    offset: Offset,
    /// Bytes read past the last cut: the start of the next piece.
    carry: Vec<u8>,
    /// Inside a fenced code block (Markdown) or a hidden element or comment (HTML).
    hidden: bool,
    done: bool,
}

impl<R: BufRead> Pieces<R> {
    pub fn new(reader: R, format: InputFormat) -> Pieces<R> {
        Pieces {
            reader,
            format,
            offset: Offset::default(),
            carry: Vec::new(),
            hidden: false,
            done: false,
        }
    }

    /// Whether a line opens or closes a region that must not be cut.
    fn toggles(&self, line: &[u8]) -> bool {
        match self.format {
            InputFormat::Markdown => {
                let trimmed = line.trim_ascii_start();
                trimmed.starts_with(b"```") || trimmed.starts_with(b"~~~")
            }
            InputFormat::Html => {
                let lower = line.to_ascii_lowercase();
                let count = |needles: &[&[u8]]| {
                    needles
                        .iter()
                        .map(|n| lower.windows(n.len()).filter(|w| w == n).count())
                        .sum::<usize>()
                };
                let opens = count(&[b"<script", b"<style", b"<pre", b"<!--", b"<textarea"]);
                let closes = count(&[b"</script", b"</style", b"</pre", b"-->", b"</textarea"]);
                if self.hidden {
                    closes > opens
                } else {
                    opens > closes
                }
            }
            InputFormat::Text => false,
        }
    }

    /// The next piece: its text and where it starts, or the error that ends the file.
    fn next_piece(&mut self) -> io::Result<Option<(String, Offset)>> {
        if self.done {
            return Ok(None);
        }
        let mut buffer = std::mem::take(&mut self.carry);
        let mut last_blank_cut: Option<usize> = None;
        loop {
            let mut line = Vec::new();
            // A line longer than four pieces is read in parts.
            let limit = (PIECE * 4) as u64;
            let read = (&mut self.reader)
                .take(limit)
                .read_until(b'\n', &mut line)?;
            if read == 0 {
                self.done = true;
                break;
            }
            let whole_line = line.ends_with(b"\n");
            if self.toggles(&line) {
                self.hidden = !self.hidden;
            }
            buffer.extend_from_slice(&line);
            let blank = line.iter().all(u8::is_ascii_whitespace);
            if blank && !self.hidden {
                last_blank_cut = Some(buffer.len());
                if buffer.len() >= PIECE {
                    break;
                }
            }
            if buffer.len() >= PIECE * 4 {
                // No blank line for four pieces: cut at the last blank line, else this line's
                // end, else the last white space.
                let cut = last_blank_cut
                    .filter(|&c| c >= PIECE)
                    .or(whole_line.then_some(buffer.len()))
                    .or_else(|| {
                        buffer
                            .iter()
                            .rposition(u8::is_ascii_whitespace)
                            .map(|i| i + 1)
                    })
                    .unwrap_or(buffer.len());
                self.carry = buffer.split_off(cut);
                last_blank_cut = None;
                break;
            }
        }
        if let Some(cut) = last_blank_cut.filter(|_| !self.done) {
            let rest = buffer.split_off(cut);
            self.carry = rest;
        }
        if buffer.is_empty() && self.carry.is_empty() {
            return Ok(None);
        }
        // A cut inside a character leaves its first bytes for the next piece.
        let valid = match std::str::from_utf8(&buffer) {
            Ok(_) => buffer.len(),
            Err(e) if e.error_len().is_none() && !self.done => e.valid_up_to(),
            Err(e) => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "not valid UTF-8 (first bad byte at offset {})",
                        self.offset.byte + e.valid_up_to()
                    ),
                ));
            }
        };
        let mut tail = buffer.split_off(valid);
        tail.append(&mut self.carry);
        self.carry = tail;
        let text =
            String::from_utf8(buffer).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        let start = self.offset;
        self.offset.byte += text.len();
        self.offset.line += text.matches('\n').count();
        if self.done && !self.carry.is_empty() {
            self.done = false;
        }
        Ok(Some((text, start)))
    }
}

impl<R: BufRead> Iterator for Pieces<R> {
    type Item = io::Result<(String, Offset)>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_piece() {
            Ok(Some(piece)) => Some(Ok(piece)),
            Ok(None) => None,
            Err(e) => {
                self.done = true;
                self.carry.clear();
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, format: InputFormat) -> Vec<(String, Offset)> {
        Pieces::new(io::Cursor::new(text.as_bytes().to_vec()), format)
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn pieces_rebuild_the_file_with_their_offsets() {
        let paragraph = "A paragraph of about sixty bytes, 300 litres a minute.\n\n";
        let text = paragraph.repeat(PIECE / paragraph.len() * 3);
        let found = pieces(&text, InputFormat::Text);
        assert!(found.len() >= 3, "{}", found.len());
        let mut rebuilt = String::new();
        for (piece, offset) in &found {
            assert_eq!(offset.byte, rebuilt.len());
            assert_eq!(offset.line, rebuilt.matches('\n').count());
            assert!(piece.ends_with("\n\n") || rebuilt.len() + piece.len() == text.len());
            rebuilt.push_str(piece);
        }
        assert_eq!(rebuilt, text);
    }

    #[test]
    fn a_fence_is_not_cut_and_a_line_without_breaks_is() {
        let mut text = "Intro.\n\n```\n".to_string();
        text.push_str(&"code line\n\n".repeat(PIECE / 11 + 10));
        text.push_str("```\n\nAfter.\n");
        let found = pieces(&text, InputFormat::Markdown);
        // The only blank lines are inside the fence: the first cut comes after it, or at
        // four pieces' length.
        assert!(found[0].0.contains("```\n\n") || found[0].0.len() >= PIECE * 4 - 20);
        assert_eq!(found.iter().map(|p| p.0.as_str()).collect::<String>(), text);

        let line = "é 5 tonnes ".repeat(PIECE * 5 / 12);
        let found = pieces(&line, InputFormat::Text);
        assert!(found.len() >= 2);
        assert!(found.iter().all(|(p, _)| p.len() <= PIECE * 4 + 16));
        assert_eq!(found.iter().map(|p| p.0.as_str()).collect::<String>(), line);
    }
}
