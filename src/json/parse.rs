//! JSON text into a [`Json`] tree: the grammar, without fractions or exponents (see the
//! module above), and with a bound on nesting.

use super::Json;

/// How deep arrays and objects may nest: far more than any answer needs, and it keeps a
/// hostile text from exhausting the stack.
const MAX_DEPTH: u32 = 64;

pub(super) struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
    depth: u32,
}

impl<'a> Parser<'a> {
    pub(super) fn new(text: &'a str) -> Parser<'a> {
        Parser {
            bytes: text.as_bytes(),
            at: 0,
            depth: 0,
        }
    }

    /// One value and nothing after it but white space.
    pub(super) fn document(mut self) -> Option<Json> {
        let value = self.value()?;
        self.skip_space();
        (self.at == self.bytes.len()).then_some(value)
    }

    fn value(&mut self) -> Option<Json> {
        self.skip_space();
        match *self.bytes.get(self.at)? {
            b'n' => self.word(b"null", Json::Null),
            b't' => self.word(b"true", Json::Bool(true)),
            b'f' => self.word(b"false", Json::Bool(false)),
            b'"' => self.string().map(Json::Str),
            b'[' => self.nested(|p| p.array()),
            b'{' => self.nested(|p| p.object()),
            _ => self.integer().map(Json::Int),
        }
    }

    fn word(&mut self, word: &[u8], value: Json) -> Option<Json> {
        let end = self.at + word.len();
        (self.bytes.get(self.at..end)? == word).then(|| {
            self.at = end;
            value
        })
    }

    fn nested(&mut self, read: impl FnOnce(&mut Self) -> Option<Json>) -> Option<Json> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn array(&mut self) -> Option<Json> {
        self.at += 1; // [
        let mut items = Vec::new();
        if self.next_is(b']') {
            return Some(Json::Array(items));
        }
        loop {
            items.push(self.value()?);
            if self.next_is(b']') {
                return Some(Json::Array(items));
            }
            self.expect(b',')?;
        }
    }

    fn object(&mut self) -> Option<Json> {
        self.at += 1; // {
        let mut members = Vec::new();
        if self.next_is(b'}') {
            return Some(Json::Object(members));
        }
        loop {
            self.skip_space();
            if self.bytes.get(self.at) != Some(&b'"') {
                return None;
            }
            let key = self.string()?;
            self.expect(b':')?;
            members.push((key, self.value()?));
            if self.next_is(b'}') {
                return Some(Json::Object(members));
            }
            self.expect(b',')?;
        }
    }

    /// A whole number: JSON's grammar, without a fraction or an exponent.
    fn integer(&mut self) -> Option<i64> {
        let negative = self.bytes.get(self.at) == Some(&b'-');
        if negative {
            self.at += 1;
        }
        let start = self.at;
        let mut value: i64 = 0;
        while let Some(digit) = self.bytes.get(self.at).filter(|b| b.is_ascii_digit()) {
            let digit = i64::from(digit - b'0');
            value = value
                .checked_mul(10)?
                .checked_add(if negative { -digit } else { digit })?;
            self.at += 1;
        }
        let digits = self.at - start;
        let leading_zero = digits > 1 && self.bytes[start] == b'0';
        (digits > 0 && !leading_zero).then_some(value)
    }

    fn string(&mut self) -> Option<String> {
        self.at += 1; // "
        let mut out = String::new();
        loop {
            // Copy the run of plain characters up to the next quote or escape at once.
            let run = self.bytes[self.at..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
            // The text is a `str`, and quotes and backslashes are ASCII: a char boundary.
            out.push_str(std::str::from_utf8(&self.bytes[self.at..self.at + run]).ok()?);
            self.at += run;
            match self.bytes[self.at] {
                b'"' => {
                    self.at += 1;
                    return Some(out);
                }
                b'\\' => {
                    let escaped = *self.bytes.get(self.at + 1)?;
                    self.at += 2;
                    out.push(match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return None,
                    });
                }
                _ => return None, // a raw control character
            }
        }
    }

    /// After `\u`: four hex digits, and a second `\uXXXX` for a surrogate pair.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if !(0xD800..0xDC00).contains(&first) {
            return char::from_u32(first);
        }
        if self.bytes.get(self.at..self.at + 2)? != b"\\u" {
            return None;
        }
        self.at += 2;
        let second = self.hex4()?;
        if !(0xDC00..0xE000).contains(&second) {
            return None;
        }
        char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = std::str::from_utf8(self.bytes.get(self.at..self.at + 4)?).ok()?;
        self.at += 4;
        u32::from_str_radix(digits, 16).ok()
    }

    fn skip_space(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    /// Consumes `byte` (after white space) if it is next.
    fn next_is(&mut self, byte: u8) -> bool {
        self.skip_space();
        let found = self.bytes.get(self.at) == Some(&byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.next_is(byte).then_some(())
    }
}
