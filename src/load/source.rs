//! Positions in source text.
//!
//! Owns [`Pos`] (a 1-based line and column) and [`LineIndex`], which turns a
//! byte offset into a position, counting columns in characters so Chinese
//! text lines up, and finds the line around an offset (shown under a
//! diagnostic). Knows nothing about records or TOML.

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(crate) struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    /// The start of a file.
    pub(crate) const START: Pos = Pos { line: 1, col: 1 };
}

/// Computes the [`Pos`] of byte `offset` in `text`. Offsets past the end, or
/// inside a multi-byte character, are clamped to a valid position.
pub(crate) fn pos_at(text: &str, offset: usize) -> Pos {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let col = before[line_start..].chars().count() + 1;
    Pos { line: u32::try_from(line).unwrap_or(u32::MAX), col: u32::try_from(col).unwrap_or(u32::MAX) }
}

/// Incremental offset → position lookup for one text, with precomputed line
/// starts so that many lookups in one file stay cheap.
#[derive(Debug)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    /// The text of a byte range (empty when out of range).
    pub(crate) fn slice(&self, range: std::ops::Range<usize>) -> &'a str {
        self.text.get(range).unwrap_or("")
    }

    /// The line holding byte `offset` (without its line break), and where it starts.
    pub(crate) fn line_at(&self, offset: usize) -> (usize, &'a str) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let end = self.line_starts.get(line).map_or(self.text.len(), |&e| e - 1);
        (start, self.text[start..end.max(start)].trim_end_matches('\r'))
    }

    pub(crate) fn pos(&self, offset: usize) -> Pos {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let col = self.text[start..offset].chars().count() + 1;
        Pos { line: u32::try_from(line).unwrap_or(u32::MAX), col: u32::try_from(col).unwrap_or(u32::MAX) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let text = "a = 1\ntitle = \"永嘉\"\nx = 2";
        let idx = LineIndex::new(text);
        assert_eq!(idx.pos(0), Pos { line: 1, col: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(idx.pos(x), Pos { line: 3, col: 1 });
        let quote = text.rfind('"').unwrap();
        assert_eq!(idx.pos(quote), Pos { line: 2, col: 12 });
        assert_eq!(pos_at(text, quote), idx.pos(quote));
    }

    #[test]
    fn out_of_range_offsets_clamp() {
        let text = "永";
        assert_eq!(pos_at(text, 1), Pos { line: 1, col: 1 });
        assert_eq!(LineIndex::new(text).pos(99), Pos { line: 1, col: 2 });
    }
}
