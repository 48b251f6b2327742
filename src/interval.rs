//! Closed intervals of exact decimals, possibly unbounded on either side (DESIGN §2).
//!
//! Every figure stands for an interval; rules compute an expected interval from their inputs
//! and ask whether it meets the stated one. Open and closed ends are not told apart: the
//! difference never decides a verdict at the precision news figures are written in.

use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// `None` is −∞.
    low: Option<Decimal>,
    /// `None` is +∞.
    high: Option<Decimal>,
}

impl Interval {
    /// `[low, high]`; the ends are swapped if given the wrong way round.
    pub fn new(low: Decimal, high: Decimal) -> Interval {
        Interval {
            low: Some(low.min(high)),
            high: Some(low.max(high)),
        }
    }

    pub fn exact(value: Decimal) -> Interval {
        Interval::new(value, value)
    }

    /// An interval with optional ends; `None` is unbounded on that side.
    pub fn bounded(low: Option<Decimal>, high: Option<Decimal>) -> Interval {
        match (low, high) {
            (Some(l), Some(h)) => Interval::new(l, h),
            _ => Interval { low, high },
        }
    }

    pub fn low(&self) -> Option<Decimal> {
        self.low
    }

    pub fn high(&self) -> Option<Decimal> {
        self.high
    }

    fn non_negative(&self) -> bool {
        self.low.is_some_and(|l| l >= Decimal::ZERO)
    }

    /// The sum of two intervals; an unbounded end stays unbounded, an overflow becomes one.
    pub fn add(&self, other: &Interval) -> Interval {
        let end = |a: Option<Decimal>, b: Option<Decimal>| a?.checked_add(b?);
        Interval::bounded(end(self.low, other.low), end(self.high, other.high))
    }

    /// The product of two intervals. An overflow widens the result to unbounded.
    pub fn mul(&self, other: &Interval) -> Interval {
        if let (Some(a), Some(b), Some(c), Some(d)) = (self.low, self.high, other.low, other.high) {
            let products = [
                a.checked_mul(c),
                a.checked_mul(d),
                b.checked_mul(c),
                b.checked_mul(d),
            ];
            if products.iter().all(Option::is_some) {
                let products = products.map(Option::unwrap);
                let low = products.iter().min().copied();
                let high = products.iter().max().copied();
                return Interval { low, high };
            }
            return Interval::bounded(None, None);
        }
        if self.non_negative() && other.non_negative() {
            let low = self.low.zip(other.low).and_then(|(a, b)| a.checked_mul(b));
            let high = self
                .high
                .zip(other.high)
                .and_then(|(a, b)| a.checked_mul(b));
            return Interval { low, high };
        }
        Interval::bounded(None, None)
    }

    /// The quotient of two intervals, or `None` when the divisor is not strictly positive and
    /// finite (no division by zero, ever).
    pub fn div(&self, divisor: &Interval) -> Option<Interval> {
        let (Some(c), Some(d)) = (divisor.low, divisor.high) else {
            return None;
        };
        if c <= Decimal::ZERO {
            return None;
        }
        if let (Some(a), Some(b)) = (self.low, self.high) {
            let quotients = [
                a.checked_div(c),
                a.checked_div(d),
                b.checked_div(c),
                b.checked_div(d),
            ];
            if quotients.iter().all(Option::is_some) {
                let quotients = quotients.map(Option::unwrap);
                let low = quotients.iter().min().copied();
                let high = quotients.iter().max().copied();
                return Some(Interval { low, high });
            }
            return Some(Interval::bounded(None, None));
        }
        // One end of the dividend is unbounded; the divisor is positive, so signs are kept.
        let low = self.low.and_then(|a| {
            if a >= Decimal::ZERO {
                a.checked_div(d)
            } else {
                a.checked_div(c)
            }
        });
        let high = self.high.and_then(|b| {
            if b >= Decimal::ZERO {
                b.checked_div(c)
            } else {
                b.checked_div(d)
            }
        });
        Some(Interval { low, high })
    }

    /// Whether the two intervals share at least one value.
    pub fn meets(&self, other: &Interval) -> bool {
        let below = |high: Option<Decimal>, low: Option<Decimal>| matches!((high, low), (Some(h), Some(l)) if h < l);
        !below(self.high, other.low) && !below(other.high, self.low)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn multiplies_mixed_signs() {
        let a = Interval::new(d("-2"), d("3"));
        let b = Interval::new(d("4"), d("5"));
        assert_eq!(a.mul(&b), Interval::new(d("-10"), d("15")));
    }

    #[test]
    fn multiplies_unbounded_non_negative() {
        let a = Interval::bounded(Some(d("2")), None);
        let b = Interval::new(d("3"), d("4"));
        assert_eq!(a.mul(&b), Interval::bounded(Some(d("6")), None));
    }

    #[test]
    fn refuses_to_divide_by_an_interval_touching_zero() {
        let a = Interval::exact(d("1"));
        assert!(a.div(&Interval::new(d("0"), d("1"))).is_none());
        assert!(a.div(&Interval::exact(d("0"))).is_none());
        assert_eq!(
            a.div(&Interval::new(d("2"), d("4"))),
            Some(Interval::new(d("0.25"), d("0.5")))
        );
    }

    #[test]
    fn overflow_widens_instead_of_panicking() {
        let huge = Interval::exact(Decimal::MAX);
        let product = huge.mul(&huge);
        assert_eq!(product.low(), None);
        assert_eq!(product.high(), None);
    }

    #[test]
    fn meeting_intervals() {
        let a = Interval::new(d("1"), d("2"));
        assert!(a.meets(&Interval::new(d("2"), d("3"))));
        assert!(!a.meets(&Interval::new(d("2.01"), d("3"))));
        assert!(a.meets(&Interval::bounded(None, Some(d("1")))));
        assert!(!a.meets(&Interval::bounded(Some(d("3")), None)));
    }
}
