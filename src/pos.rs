//! Positions in source text (a foundation: diagnostics and the loader use it).
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

/// Byte `offset` of `text` moved to a character boundary: the end when it
/// is past it, the start of the character when it is inside one.
pub(crate) fn char_floor(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Computes the [`Pos`] of byte `offset` in `text`. Offsets past the end, or
/// inside a multi-byte character, are clamped to a valid position.
pub(crate) fn pos_at(text: &str, offset: usize) -> Pos {
    let offset = char_floor(text, offset);
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let col = before[line_start..].chars().count() + 1;
    Pos { line: u32::try_from(line).unwrap_or(u32::MAX), col: u32::try_from(col).unwrap_or(u32::MAX) }
}

/// Offset → position lookup for one text. A record is read top to bottom,
/// so each lookup scans on from the one before (no table of line starts is
/// built: for the few positions a record keeps, building one was 2% of
/// reading a register).
#[derive(Debug)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    /// The last offset looked up, its 1-based line, and where that line starts.
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        LineIndex { text, last: std::cell::Cell::new((0, 1, 0)) }
    }

    /// The text of a byte range (empty when out of range).
    pub(crate) fn slice(&self, range: std::ops::Range<usize>) -> &'a str {
        self.text.get(range).unwrap_or("")
    }

    /// The 1-based line holding byte `offset` (at most the text's length),
    /// and the offset its line starts at.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        let (last, line, start) = self.last.get();
        let (from, mut line, mut start) = if offset >= last { (last, line, start) } else { (0, 1, 0) };
        let between = &self.text.as_bytes()[from..offset];
        // Records are short: the compiler vectorises this count well enough.
        #[allow(clippy::naive_bytecount)]
        let breaks = between.iter().filter(|&&b| b == b'\n').count();
        if breaks > 0 {
            line += breaks;
            start = from + between.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        }
        self.last.set((offset, line, start));
        (line, start)
    }

    /// The line holding byte `offset` (without its line break), and where it starts.
    pub(crate) fn line_at(&self, offset: usize) -> (usize, &'a str) {
        let offset = char_floor(self.text, offset);
        let (_, start) = self.line_of(offset);
        let end = self.text[offset..].find('\n').map_or(self.text.len(), |i| offset + i);
        (start, self.text[start..end].trim_end_matches('\r'))
    }

    pub(crate) fn pos(&self, offset: usize) -> Pos {
        let offset = char_floor(self.text, offset);
        let (line, start) = self.line_of(offset);
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

    proptest::proptest! {
        /// Looked up in any order, positions and lines equal a scan from
        /// the start of the text.
        #[test]
        fn lookups_in_any_order_equal_a_scan(text in "(a|永|\\n|\\r\\n| ){0,40}", offsets in proptest::collection::vec(0usize..130, 0..12)) {
            let idx = LineIndex::new(&text);
            for offset in offsets {
                proptest::prop_assert_eq!(idx.pos(offset), pos_at(&text, offset));
                let at = char_floor(&text, offset);
                let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
                proptest::prop_assert_eq!(idx.line_at(offset), (start, text[start..end].trim_end_matches('\r')));
            }
        }
    }

    #[test]
    fn out_of_range_offsets_clamp() {
        let text = "永";
        assert_eq!(pos_at(text, 1), Pos { line: 1, col: 1 });
        assert_eq!(LineIndex::new(text).pos(99), Pos { line: 1, col: 2 });
    }
}
