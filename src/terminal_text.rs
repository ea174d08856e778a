//! The one gate between data and the terminal: everything plantrack prints
//! outside a frame (every command's output, its messages, the text printed
//! when the interface ends) goes through [`TextOnly`].
//!
//! Notes come from teammates and plan files from outside, so a note like
//! `ESC ] 52 ; c ; … BEL` would otherwise set the user's clipboard or window
//! title. Escaping each field in each command would miss the next field or
//! the next command; filtering at the writer cannot.
//!
//! What passes: text, TAB and LF. Every other C0 control, DEL and the C1
//! controls (U+0080–U+009F, which some terminals obey like ESC) is shown as
//! a visible stand-in instead. The program's own styling (reverse video on
//! matched characters) is written as [`REVERSE_ON`] / [`REVERSE_OFF`], two
//! private-use characters this writer alone turns into escape sequences;
//! data holding them can at most turn reverse video on and off.

use std::io::{self, Write};

/// Starts reverse video; the writer sends `ESC [ 7 m`.
pub const REVERSE_ON: char = '\u{E000}';
/// Ends reverse video; the writer sends `ESC [ 27 m`.
pub const REVERSE_OFF: char = '\u{E001}';

/// A writer that lets only text through to `W`. Bytes are taken in any
/// split: a character cut between two writes is held back until its end
/// arrives.
pub struct TextOnly<W: Write> {
    inner: W,
    /// The start of a UTF-8 character whose end has not been written yet.
    carry: Vec<u8>,
}

impl<W: Write> TextOnly<W> {
    pub fn new(inner: W) -> Self {
        TextOnly {
            inner,
            carry: Vec::new(),
        }
    }

    fn emit(&mut self, text: &str, out: &mut String) {
        for c in text.chars() {
            match c {
                '\t' | '\n' => out.push(c),
                REVERSE_ON => out.push_str("\x1b[7m"),
                REVERSE_OFF => out.push_str("\x1b[27m"),
                // Control pictures (␛, ␍, ␀ …) show that something was there.
                '\0'..='\x1f' => {
                    out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{FFFD}'))
                }
                '\x7f' => out.push('\u{2421}'),
                '\u{80}'..='\u{9f}' => out.push('\u{FFFD}'),
                _ => out.push(c),
            }
        }
    }
}

impl<W: Write> Write for TextOnly<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut data = std::mem::take(&mut self.carry);
        data.extend_from_slice(buf);
        let mut out = String::with_capacity(data.len());
        let mut rest = data.as_slice();
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.emit(text, &mut out);
                    break;
                }
                Err(error) => {
                    let (valid, after) = rest.split_at(error.valid_up_to());
                    self.emit(&String::from_utf8_lossy(valid), &mut out);
                    match error.error_len() {
                        // A byte that starts no character (0x9b alone is CSI
                        // to an 8-bit terminal) is never passed on raw.
                        Some(len) => {
                            out.push('\u{FFFD}');
                            rest = &after[len..];
                        }
                        None => {
                            self.carry = after.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        self.inner.write_all(out.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for TextOnly<W> {
    /// A character left unfinished at the end is not text either.
    fn drop(&mut self) {
        if !self.carry.is_empty() {
            let _ = self.inner.write_all("\u{FFFD}".as_bytes());
            let _ = self.inner.flush();
        }
    }
}

/// `text` as [`TextOnly`] would print it.
pub fn printable(text: &str) -> String {
    let mut out = Vec::new();
    {
        let mut writer = TextOnly::new(&mut out);
        let _ = writer.write_all(text.as_bytes());
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_c1_controls_become_visible_text() {
        let attack = "ok\x1b]0;HACKED\x07\x1b]52;c;cGF3bmVk\x07\u{9b}31m\r\x7f end\n\tnext";
        let shown = printable(attack);
        assert_eq!(
            shown,
            "ok␛]0;HACKED␇␛]52;c;cGF3bmVk␇\u{FFFD}31m␍␡ end\n\tnext"
        );
        assert!(!shown.bytes().any(|b| b == 0x1b || b == 0x07 || b == b'\r'));
    }

    #[test]
    fn only_the_program_s_own_markers_become_reverse_video() {
        assert_eq!(
            printable(&format!("a{REVERSE_ON}专利{REVERSE_OFF}b")),
            "a\x1b[7m专利\x1b[27mb"
        );
    }

    #[test]
    fn characters_split_between_writes_survive_and_raw_c1_bytes_do_not() {
        let mut out = Vec::new();
        {
            let mut writer = TextOnly::new(&mut out);
            let text = "专\u{9b}利".as_bytes();
            for byte in text {
                writer.write_all(&[*byte]).expect("in memory");
            }
            // A lone 0x9b (not UTF-8) and a character cut short at the end.
            writer.write_all(b"x\x9by\xe4\xb8").expect("in memory");
        }
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "专\u{FFFD}利x\u{FFFD}y\u{FFFD}"
        );
    }
}
