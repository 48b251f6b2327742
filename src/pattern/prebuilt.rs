//! The grammars' patterns compiled ahead of time: the NFAs of each one's ASCII build, written
//! into `prebuilt.bin` by a test and read back at start in place of parsing and compiling the
//! pattern, which was most of a short article's run.
//!
//! The file is looked up by a pattern's whole text, so it never changes what a pattern
//! matches: a pattern it does not hold (one edited since, or made from a config's lexicon) is
//! compiled as before. The test `the_prebuilt_nfas_are_those_the_grammars_compile` rewrites
//! the file when the grammars' patterns have changed and fails until it is committed.
//!
//! The format, every number in LEB128: the length of an index, and the index: for each
//! pattern, its length and text and the lengths of its forward and reverse NFAs. Then those
//! NFAs in the same order, each the bytes the tests' `write::encode` writes. A lookup reads
//! only the index.

use std::sync::Arc;

use regex_automata::nfa::thompson::{self, NFA, Transition};
use regex_automata::util::look::Look;
use regex_automata::util::primitives::{PatternID, StateID};

static PREBUILT: &[u8] = include_bytes!("prebuilt.bin");

/// The forward and reverse NFAs of `source`'s ASCII build, if they were prebuilt.
pub(super) fn nfas(source: &str) -> Option<(NFA, NFA)> {
    let mut file = Reader(PREBUILT);
    let mut index = Reader(file.bytes()?);
    // The NFAs follow the index.
    let mut at = 0;
    while !index.0.is_empty() {
        let text = index.bytes()?;
        let (forward, reverse) = (index.u32()? as usize, index.u32()? as usize);
        if text == source.as_bytes() {
            let nfas = file.0.get(at..at + forward + reverse)?;
            return Some((decode(&nfas[..forward])?, decode(&nfas[forward..])?));
        }
        at += forward + reverse;
    }
    None
}

/// The bytes of a file read in order.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (taken, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(taken)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    /// A number written in LEB128: seven bits a byte, the low ones first, the high bit set on
    /// every byte but the last.
    fn u32(&mut self) -> Option<u32> {
        let mut n: u32 = 0;
        for shift in (0..32).step_by(7) {
            let byte = self.u8()?;
            n |= u32::from(byte & 0x7F).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn id(&mut self) -> Option<StateID> {
        StateID::new(self.u32()? as usize).ok()
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let len = self.u32()?;
        self.take(len as usize)
    }

    /// A state that state `from` leads to, written as the difference of their numbers (see
    /// `write::write_next`).
    fn next(&mut self, from: usize) -> Option<StateID> {
        let n = self.u32()?;
        let difference = i64::from(n >> 1) ^ -i64::from(n & 1);
        StateID::new(usize::try_from(from as i64 + difference).ok()?).ok()
    }

    fn transition(&mut self, from: usize) -> Option<Transition> {
        Some(Transition {
            start: self.u8()?,
            end: self.u8()?,
            next: self.next(from)?,
        })
    }
}

/// The kinds of state, as `write::encode` writes them.
const BYTE_RANGE: u8 = 0;
const SPARSE: u8 = 1;
const LOOK: u8 = 2;
const UNION: u8 = 3;
const BINARY_UNION: u8 = 4;
const CAPTURE_START: u8 = 5;
const CAPTURE_END: u8 = 6;
const FAIL: u8 = 7;
const MATCH: u8 = 8;

/// An NFA of one pattern, built again state by state from `write::encode`'s bytes: each state is
/// added to a builder in its place, so every state keeps its number. `None` if the bytes are
/// not such an NFA.
fn decode(bytes: &[u8]) -> Option<NFA> {
    let mut r = Reader(bytes);
    let flags = r.u8()?;
    let (anchored, unanchored, pattern) = (r.id()?, r.id()?, r.id()?);
    let names: Vec<Option<Arc<str>>> = (0..r.u32()?)
        .map(|_| match r.u8()? {
            0 => Some(None),
            _ => Some(Some(std::str::from_utf8(r.bytes()?).ok()?.into())),
        })
        .collect::<Option<_>>()?;
    let mut builder = thompson::Builder::new();
    builder.set_utf8(flags & 1 != 0);
    builder.set_reverse(flags & 2 != 0);
    builder.start_pattern().ok()?;
    for at in 0..r.u32()? as usize {
        let added = match r.u8()? {
            BYTE_RANGE => builder.add_range(r.transition(at)?),
            SPARSE => {
                let transitions = (0..r.u32()?)
                    .map(|_| r.transition(at))
                    .collect::<Option<_>>()?;
                builder.add_sparse(transitions)
            }
            LOOK => {
                let look = Look::from_repr(r.u32()?)?;
                builder.add_look(r.next(at)?, look)
            }
            UNION => {
                let alternates = (0..r.u32()?).map(|_| r.next(at)).collect::<Option<_>>()?;
                builder.add_union(alternates)
            }
            BINARY_UNION => builder.add_union(vec![r.next(at)?, r.next(at)?]),
            CAPTURE_START => {
                let next = r.next(at)?;
                let group = r.u32()?;
                let name = names.get(group as usize)?.clone();
                builder.add_capture_start(next, group, name)
            }
            CAPTURE_END => {
                let next = r.next(at)?;
                builder.add_capture_end(next, r.u32()?)
            }
            FAIL => builder.add_fail(),
            MATCH => builder.add_match(),
            _ => return None,
        };
        added.ok()?;
    }
    builder.finish_pattern(pattern).ok()?;
    let nfa = builder.build(anchored, unanchored).ok()?;
    // Groups are named as they are first started; an NFA whose groups came out otherwise is
    // not the one written.
    let written = nfa.group_info().pattern_names(PatternID::ZERO);
    written
        .map(|name| name.map(Arc::from))
        .eq(names)
        .then_some(nfa)
}

/// Writing the file, for the tests: [`encode`], and the list of the patterns the grammars make.
#[cfg(test)]
pub(super) mod write {
    use std::cell::RefCell;

    use regex_automata::nfa::thompson::State;

    use super::*;

    /// The bytes [`decode`] reads an NFA of one pattern from; `None` for an NFA of more.
    pub(super) fn encode(nfa: &NFA) -> Option<Vec<u8>> {
        if nfa.pattern_len() != 1 {
            return None;
        }
        let mut out = Vec::new();
        let transition = |out: &mut Vec<u8>, from: usize, t: &Transition| {
            out.extend([t.start, t.end]);
            write_next(out, from, t.next);
        };
        out.push(u8::from(nfa.is_utf8()) | (u8::from(nfa.is_reverse()) << 1));
        write_u32(&mut out, nfa.start_anchored().as_usize());
        write_u32(&mut out, nfa.start_unanchored().as_usize());
        write_u32(&mut out, nfa.start_pattern(PatternID::ZERO)?.as_usize());
        let names: Vec<Option<&str>> = nfa.group_info().pattern_names(PatternID::ZERO).collect();
        write_u32(&mut out, names.len());
        for name in names {
            match name {
                None => out.push(0),
                Some(name) => {
                    out.push(1);
                    write_u32(&mut out, name.len());
                    out.extend(name.as_bytes());
                }
            }
        }
        write_u32(&mut out, nfa.states().len());
        for (at, state) in nfa.states().iter().enumerate() {
            match state {
                State::ByteRange { trans } => {
                    out.push(BYTE_RANGE);
                    transition(&mut out, at, trans);
                }
                State::Sparse(sparse) => {
                    out.push(SPARSE);
                    write_u32(&mut out, sparse.transitions.len());
                    for t in sparse.transitions.iter() {
                        transition(&mut out, at, t);
                    }
                }
                State::Look { look, next } => {
                    out.push(LOOK);
                    write_u32(&mut out, look.as_repr() as usize);
                    write_next(&mut out, at, *next);
                }
                State::Union { alternates } => {
                    out.push(UNION);
                    write_u32(&mut out, alternates.len());
                    for &alternate in alternates.iter() {
                        write_next(&mut out, at, alternate);
                    }
                }
                State::BinaryUnion { alt1, alt2 } => {
                    out.push(BINARY_UNION);
                    write_next(&mut out, at, *alt1);
                    write_next(&mut out, at, *alt2);
                }
                State::Capture {
                    next,
                    group_index,
                    slot,
                    ..
                } => {
                    // A group's first slot is where it starts, its second where it ends.
                    let start = nfa
                        .group_info()
                        .slot(PatternID::ZERO, group_index.as_usize())?;
                    out.push(if slot.as_usize() == start {
                        CAPTURE_START
                    } else {
                        CAPTURE_END
                    });
                    write_next(&mut out, at, *next);
                    write_u32(&mut out, group_index.as_usize());
                }
                State::Fail => out.push(FAIL),
                State::Match { .. } => out.push(MATCH),
                // The compiler makes no dense state.
                State::Dense(_) => return None,
            }
        }
        Some(out)
    }

    /// `n` as [`Reader::u32`] reads it.
    pub(super) fn write_u32(out: &mut Vec<u8>, n: usize) {
        let mut n = u32::try_from(n).expect("a small NFA");
        while n >= 0x80 {
            out.push((n & 0x7F) as u8 | 0x80);
            n >>= 7;
        }
        out.push(n as u8);
    }

    /// The state `to` that state `from` leads to, as the difference of their numbers, which is
    /// small in a Thompson NFA: zigzag-encoded (0, -1, 1, -2… as 0, 1, 2, 3…) in LEB128.
    fn write_next(out: &mut Vec<u8>, from: usize, to: StateID) {
        let difference = to.as_usize() as i64 - from as i64;
        write_u32(out, ((difference << 1) ^ (difference >> 63)) as usize);
    }

    thread_local! {
        /// The patterns made on this thread while [`listing`] runs.
        static LISTED: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
    }

    /// Notes a pattern made, for [`listing`].
    pub(in crate::pattern) fn made(source: &str) {
        LISTED.with_borrow_mut(|listed| {
            if let Some(listed) = listed {
                listed.push(source.to_string());
            }
        });
    }

    /// The patterns `make` makes on this thread, sorted and each once.
    pub(super) fn listing(make: impl FnOnce()) -> Vec<String> {
        LISTED.set(Some(Vec::new()));
        make();
        let mut listed = LISTED.take().unwrap_or_default();
        listed.sort();
        listed.dedup();
        listed
    }
}

#[cfg(test)]
mod tests {
    use super::write::{encode, listing, write_u32};
    use super::*;

    /// What `prebuilt.bin` should hold: the NFAs of every grammar pattern's ASCII build.
    fn expected() -> Vec<u8> {
        let sources = listing(crate::extract::make_every_pattern);
        assert!(sources.len() > 40, "{sources:?}");
        let (mut index, mut data) = (Vec::new(), Vec::new());
        for source in sources {
            let Some((forward, reverse)) = super::super::ascii_nfas(&source) else {
                continue;
            };
            let (forward, reverse) = (
                encode(&forward).expect("one pattern"),
                encode(&reverse).expect("one pattern"),
            );
            write_u32(&mut index, source.len());
            index.extend(source.as_bytes());
            write_u32(&mut index, forward.len());
            write_u32(&mut index, reverse.len());
            data.extend(forward);
            data.extend(reverse);
        }
        let mut out = Vec::new();
        write_u32(&mut out, index.len());
        out.extend(index);
        out.extend(data);
        out
    }

    /// The file holds the grammars' patterns as they are compiled now; when it does not, the
    /// test writes the file anew and fails, and the next run passes.
    #[test]
    fn the_prebuilt_nfas_are_those_the_grammars_compile() {
        let expected = expected();
        if expected != PREBUILT {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/pattern/prebuilt.bin");
            std::fs::write(path, &expected).expect("prebuilt.bin written");
            panic!("src/pattern/prebuilt.bin was out of date and has been rewritten: commit it");
        }
    }

    /// Every NFA read back is the NFA compiled: the same states, starts and named groups.
    #[test]
    fn prebuilt_nfas_read_back_as_compiled() {
        let sources = listing(crate::extract::make_every_pattern);
        let mut read = 0;
        for source in &sources {
            let Some(compiled) = super::super::ascii_nfas(source) else {
                continue;
            };
            let prebuilt = nfas(source).expect("prebuilt");
            for (ours, theirs) in [(&prebuilt.0, &compiled.0), (&prebuilt.1, &compiled.1)] {
                assert_eq!(format!("{ours:?}"), format!("{theirs:?}"), "{source}");
                let names = |nfa: &NFA| -> Vec<Option<String>> {
                    let info = nfa.group_info();
                    info.pattern_names(PatternID::ZERO)
                        .map(|n| n.map(String::from))
                        .collect()
                };
                assert_eq!(names(ours), names(theirs), "{source}");
                assert_eq!(ours.is_utf8(), theirs.is_utf8());
                assert_eq!(ours.is_reverse(), theirs.is_reverse());
            }
            read += 1;
        }
        assert!(read > 40, "{read}");
        assert!(nfas("(?P<not>a prebuilt pattern)").is_none());
    }

    /// Where [`encode`] wrote the count of states in `bytes`: after the flags, the three starts
    /// and the groups.
    fn count_of_states(bytes: &[u8]) -> usize {
        let mut r = Reader(bytes);
        r.u8();
        for _ in 0..3 {
            r.u32();
        }
        for _ in 0..r.u32().expect("groups") {
            if r.u8() == Some(1) {
                r.bytes();
            }
        }
        bytes.len() - r.0.len()
    }

    /// Bytes that are not an NFA read as none.
    #[test]
    fn a_broken_entry_reads_as_none() {
        let (forward, _) =
            super::super::ascii_nfas(r"\b(?P<n>[0-9]+)\s+days?\b").expect("compiles");
        let bytes = encode(&forward).expect("one pattern");
        assert!(decode(&bytes).is_some());
        for cut in [0, 1, 5, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_none(), "{cut}");
        }
        // One more state than written.
        let mut more = bytes.clone();
        let count_at = count_of_states(&bytes);
        more[count_at] += 1;
        assert!(decode(&more).is_none());
    }
}
