//! The `random` module, with CPython 3.11's sequences: after `seed(n)` every
//! function returns what CPython's returns.
//!
//! As in CPython, the core is native (`_randommodule.c`: the MT19937
//! generator in `random/mt.rs`, `random()`, `getrandbits()`, seeding and
//! the state tuple) and the rest is Python run into the module at import
//! (`Lib/random.py`; refpy's own code, following the same algorithms so
//! that each draws the same words): class `Random`, whose instances keep
//! their generator in `_mt`, and the module functions, bound methods of a
//! hidden instance seeded from the OS.

mod mt;
mod sha512;

use std::cell::RefCell;

use num_bigint::{BigInt, BigUint};
use refpy_heap::{new_type_object, ObjRef, TypeSlots};

use self::mt::{Mt19937, N};
use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyResult};
use crate::objects::float::as_float;
use crate::objects::int::{as_bigint, as_bigint_sign, as_i64, is_int};
use crate::objects::str::as_str;
use crate::objects::tuple::as_tuple;
use crate::types::{type_data, Kind, TypeData};
use crate::Vm;

/// The Python part of the module.
const PRELUDE: &str = r#"
_ONE = 1
NV_MAGICCONST = 4 * _exp(-0.5) / _sqrt(2.0)
TWOPI = 2.0 * _pi
LOG4 = _log(4.0)
SG_MAGICCONST = 1.0 + _log(4.5)
BPF = 53
RECIP_BPF = 2 ** -BPF


def _as_int(value, message):
    # operator.index(value), else an int() equal to the value (CPython also
    # warns that such arguments are deprecated).
    if isinstance(value, int):
        return value
    converted = int(value)
    if converted != value:
        raise ValueError(message)
    return converted


def _running_totals(values):
    totals = []
    for v in values:
        totals.append(totals[-1] + v if totals else v)
    return totals


def _bisect_right(a, x, lo, hi):
    while lo < hi:
        mid = (lo + hi) // 2
        if x < a[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


class Random:
    """Random number generator base class used by bound module functions.

    The generator is MT19937 seeded as CPython seeds it, so that equal
    seeds give CPython's sequences."""

    VERSION = 3

    random = _random
    getrandbits = _getrandbits

    def __init__(self, x=None):
        self._mt = _generator()
        self.seed(x)
        self.gauss_next = None

    def seed(self, a=None, version=2):
        if version == 1 and isinstance(a, str):
            x = ord(a[0]) << 7 if a else 0
            for c in a:
                x = ((1000003 * x) ^ ord(c)) & 0xFFFFFFFFFFFFFFFF
            a = x ^ len(a)
        elif version == 2 and isinstance(a, str):
            a = _str_seed(a)
        elif not isinstance(a, (type(None), int, float, str)):
            raise TypeError("The only supported seed types are: None,\n"
                            "int, float, str, bytes, and bytearray.")
        _seed(self, a)
        self.gauss_next = None

    def getstate(self):
        return self.VERSION, _getstate(self), self.gauss_next

    def setstate(self, state):
        version = state[0]
        if version == 3:
            version, words, self.gauss_next = state
        elif version == 2:
            version, words, self.gauss_next = state
            try:
                words = tuple(w % 4294967296 for w in words)
            except ValueError as e:
                raise TypeError from e
        else:
            raise ValueError("state with version %s passed to Random.setstate() of version %s"
                             % (version, self.VERSION))
        _setstate(self, words)

    def _randbelow(self, n):
        k = n.bit_length()
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return r

    def randrange(self, start, stop=None, step=_ONE):
        istart = _as_int(start, "non-integer arg 1 for randrange()")
        if stop is None:
            if step is not _ONE:
                raise TypeError("Missing a non-None stop argument")
            if istart > 0:
                return self._randbelow(istart)
            raise ValueError("empty range for randrange()")
        istop = _as_int(stop, "non-integer stop for randrange()")
        width = istop - istart
        istep = _as_int(step, "non-integer step for randrange()")
        if istep == 1:
            if width > 0:
                return istart + self._randbelow(width)
            raise ValueError("empty range for randrange() (%d, %d, %d)" % (istart, istop, width))
        if istep > 0:
            n = (width + istep - 1) // istep
        elif istep < 0:
            n = (width + istep + 1) // istep
        else:
            raise ValueError("zero step for randrange()")
        if n <= 0:
            raise ValueError("empty range for randrange()")
        return istart + istep * self._randbelow(n)

    def randint(self, a, b):
        return self.randrange(a, b + 1)

    def choice(self, seq):
        if not len(seq):
            raise IndexError("Cannot choose from an empty sequence")
        return seq[self._randbelow(len(seq))]

    def shuffle(self, x):
        for i in reversed(range(1, len(x))):
            j = self._randbelow(i + 1)
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k, *, counts=None):
        if not isinstance(population, (list, tuple, str, range)):
            raise TypeError("Population must be a sequence.  For dicts or sets, use sorted(d).")
        n = len(population)
        if counts is not None:
            cum_counts = _running_totals(counts)
            if len(cum_counts) != n:
                raise ValueError("The number of counts does not match the population")
            total = cum_counts.pop()
            if not isinstance(total, int):
                raise TypeError("Counts must be integers")
            if total <= 0:
                raise ValueError("Total of counts must be greater than zero")
            picks = self.sample(range(total), k=k)
            return [population[_bisect_right(cum_counts, s, 0, len(cum_counts))] for s in picks]
        if not 0 <= k <= n:
            raise ValueError("Sample larger than population or is negative")
        result = [None] * k
        if n <= _sample_setsize(k):
            # Pool selection: the unchosen items stay in pool[:n - i].
            pool = list(population)
            for i in range(k):
                j = self._randbelow(n - i)
                result[i] = pool[j]
                pool[j] = pool[n - i - 1]
        else:
            # Set selection: draw indexes until an unused one comes up.
            chosen = set()
            for i in range(k):
                j = self._randbelow(n)
                while j in chosen:
                    j = self._randbelow(n)
                chosen.add(j)
                result[i] = population[j]
        return result

    def choices(self, population, weights=None, *, cum_weights=None, k=1):
        n = len(population)
        if cum_weights is None:
            if weights is None:
                n += 0.0
                return [population[int(self.random() * n)] for i in range(k)]
            try:
                cum_weights = _running_totals(weights)
            except TypeError:
                if not isinstance(weights, int):
                    raise
                raise TypeError("The number of choices must be a keyword argument: k=%r" % (weights,)) from None
        elif weights is not None:
            raise TypeError("Cannot specify both weights and cumulative weights")
        if len(cum_weights) != n:
            raise ValueError("The number of weights does not match the population")
        total = cum_weights[-1] + 0.0
        if total <= 0.0:
            raise ValueError("Total of weights must be greater than zero")
        if not total - total == 0.0:
            raise ValueError("Total of weights must be finite")
        hi = n - 1
        return [population[_bisect_right(cum_weights, self.random() * total, 0, hi)] for i in range(k)]

    def uniform(self, a, b):
        return a + (b - a) * self.random()

    def triangular(self, low=0.0, high=1.0, mode=None):
        u = self.random()
        try:
            c = 0.5 if mode is None else (mode - low) / (high - low)
        except ZeroDivisionError:
            return low
        if u > c:
            u = 1.0 - u
            c = 1.0 - c
            low, high = high, low
        return low + (high - low) * _sqrt(u * c)

    def normalvariate(self, mu=0.0, sigma=1.0):
        # Kinderman and Monahan's ratio-of-uniforms method.
        while True:
            u1 = self.random()
            u2 = 1.0 - self.random()
            z = NV_MAGICCONST * (u1 - 0.5) / u2
            if z * z / 4.0 <= -_log(u2):
                return mu + z * sigma

    def gauss(self, mu=0.0, sigma=1.0):
        # Box-Muller: each pair of draws gives two values; the second waits in gauss_next.
        z = self.gauss_next
        self.gauss_next = None
        if z is None:
            x2pi = self.random() * TWOPI
            g2rad = _sqrt(-2.0 * _log(1.0 - self.random()))
            z = _cos(x2pi) * g2rad
            self.gauss_next = _sin(x2pi) * g2rad
        return mu + z * sigma

    def lognormvariate(self, mu, sigma):
        return _exp(self.normalvariate(mu, sigma))

    def expovariate(self, lambd):
        return -_log(1.0 - self.random()) / lambd

    def vonmisesvariate(self, mu, kappa):
        if kappa <= 1e-6:
            return TWOPI * self.random()
        s = 0.5 / kappa
        r = s + _sqrt(1.0 + s * s)
        while True:
            u1 = self.random()
            z = _cos(_pi * u1)
            d = z / (r + z)
            u2 = self.random()
            if u2 < 1.0 - d * d or u2 <= (1.0 - d) * _exp(d):
                break
        q = 1.0 / r
        f = (q + z) / (1.0 + q * z)
        if self.random() > 0.5:
            return (mu + _acos(f)) % TWOPI
        return (mu - _acos(f)) % TWOPI

    def gammavariate(self, alpha, beta):
        if alpha <= 0.0 or beta <= 0.0:
            raise ValueError("gammavariate: alpha and beta must be > 0.0")
        if alpha > 1.0:
            # Cheng's rejection method.
            ainv = _sqrt(2.0 * alpha - 1.0)
            bbb = alpha - LOG4
            ccc = alpha + ainv
            while True:
                u1 = self.random()
                if not 1e-7 < u1 < 0.9999999:
                    continue
                u2 = 1.0 - self.random()
                v = _log(u1 / (1.0 - u1)) / ainv
                x = alpha * _exp(v)
                z = u1 * u1 * u2
                r = bbb + ccc * v - x
                if r + SG_MAGICCONST - 4.5 * z >= 0.0 or r >= _log(z):
                    return x * beta
        if alpha == 1.0:
            return -_log(1.0 - self.random()) * beta
        # alpha < 1: Ahrens and Dieter's method.
        while True:
            u = self.random()
            b = (_e + alpha) / _e
            p = b * u
            if p <= 1.0:
                x = p ** (1.0 / alpha)
            else:
                x = -_log((b - p) / alpha)
            u1 = self.random()
            if p > 1.0:
                if u1 <= x ** (alpha - 1.0):
                    return x * beta
            elif u1 <= _exp(-x):
                return x * beta

    def betavariate(self, alpha, beta):
        y = self.gammavariate(alpha, 1.0)
        if y:
            return y / (y + self.gammavariate(beta, 1.0))
        return 0.0

    def paretovariate(self, alpha):
        u = 1.0 - self.random()
        return u ** (-1.0 / alpha)

    def weibullvariate(self, alpha, beta):
        u = 1.0 - self.random()
        return alpha * (-_log(u)) ** (1.0 / beta)


_inst = Random()
seed = _inst.seed
random = _inst.random
uniform = _inst.uniform
triangular = _inst.triangular
randint = _inst.randint
choice = _inst.choice
randrange = _inst.randrange
sample = _inst.sample
shuffle = _inst.shuffle
choices = _inst.choices
normalvariate = _inst.normalvariate
lognormvariate = _inst.lognormvariate
expovariate = _inst.expovariate
vonmisesvariate = _inst.vonmisesvariate
gammavariate = _inst.gammavariate
gauss = _inst.gauss
betavariate = _inst.betavariate
paretovariate = _inst.paretovariate
weibullvariate = _inst.weibullvariate
getstate = _inst.getstate
setstate = _inst.setstate
getrandbits = _inst.getrandbits

__all__ = ["Random", "seed", "random", "uniform", "randint", "choice", "sample",
           "randrange", "shuffle", "normalvariate", "lognormvariate",
           "expovariate", "vonmisesvariate", "gammavariate", "triangular",
           "gauss", "betavariate", "paretovariate", "weibullvariate",
           "getstate", "setstate", "getrandbits", "choices"]
"#;

/// Payload of the generator object a `Random` instance keeps in `_mt`
/// (CPython's `RandomObject`, the C base of `Random`).
struct MtObject(RefCell<Mt19937>);

/// Creates the `random` module.
pub fn build(vm: &mut Vm) -> PyResult {
    let m = vm.new_module("random")?;
    let generator_type = make_generator_type(vm)?;
    let generator = vm.new_builtin("_generator", new_generator, Some(generator_type))?;
    vm.set_module_attr(&m, "_generator", generator)?;
    vm.add_functions(
        &m,
        &[
            ("_random", random_random),
            ("_getrandbits", random_getrandbits),
            ("_seed", random_seed),
            ("_getstate", random_getstate),
            ("_setstate", random_setstate),
            ("_str_seed", str_seed),
            ("_sample_setsize", sample_setsize),
            ("_log", m_log),
            ("_exp", m_exp),
            ("_sqrt", m_sqrt),
            ("_cos", m_cos),
            ("_sin", m_sin),
            ("_acos", m_acos),
        ],
    )?;
    for (name, v) in [("_pi", std::f64::consts::PI), ("_e", std::f64::consts::E)] {
        let f = vm.new_float(v)?;
        vm.set_module_attr(&m, name, f)?;
    }
    vm.run_prelude(&m, PRELUDE)?;
    Ok(m)
}

/// The type of the generator objects (`_random.Random`).
fn make_generator_type(vm: &mut Vm) -> PyResult {
    let object = vm.types.object.clone();
    let mut data = TypeData::builtin("Random", Kind::Object, Some(&object));
    data.module = "_random".to_string();
    let t = new_type_object(Some(&vm.types.type_), TypeSlots::new::<MtObject>(0), data)
        .map_err(|_| vm.memory_error())?;
    *type_data(&t).mro.borrow_mut() = vec![t.clone(), object];
    Ok(t)
}

/// `_generator()`, bound to the generator type: a new, not yet seeded generator.
fn new_generator(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (generator_type, _) = method_args(vm, "_generator", args, kw, 0)?;
    let g = MtObject(RefCell::new(Mt19937::from_key(&[])));
    refpy_heap::alloc(generator_type, g, 0).map_err(|_| vm.memory_error())
}

/// Runs `f` on the generator of the `Random` instance `inst` (its `_mt`).
fn with_generator<R>(vm: &mut Vm, inst: &ObjRef, f: impl FnOnce(&mut Mt19937) -> R) -> PyResult<R> {
    let name = vm.intern("_mt")?;
    let g = vm.get_attr(inst, &name)?;
    match g.downcast::<MtObject>() {
        Some(m) => Ok(f(&mut m.0.borrow_mut())),
        None => Err(vm.new_error(ExcType::TypeError, "Random._mt is not a random generator")),
    }
}

/// Checks a method's arguments: `self` and then `n` positional ones.
fn method_args<'a>(
    vm: &mut Vm,
    name: &str,
    args: &'a [ObjRef],
    kw: Option<&[ObjRef]>,
    n: usize,
) -> PyResult<(&'a ObjRef, &'a [ObjRef])> {
    no_kwargs(vm, name, kw)?;
    let Some((inst, rest)) = args.split_first() else {
        return Err(vm.new_error(ExcType::TypeError, format!("unbound method {name}() needs an argument")));
    };
    arg_count(vm, name, rest, n, n)?;
    Ok((inst, rest))
}

/// `Random.random()`: a float in [0, 1) with 53 random bits.
fn random_random(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (inst, _) = method_args(vm, "Random.random", args, kw, 0)?;
    let x = with_generator(vm, inst, Mt19937::random)?;
    vm.new_float(x)
}

/// `Random.getrandbits(k)`: an int with `k` random bits.
fn random_getrandbits(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (inst, rest) = method_args(vm, "Random.getrandbits", args, kw, 1)?;
    let k = crate::args::c_int_arg(vm, &rest[0])?;
    let Ok(k) = u32::try_from(k) else {
        return Err(vm.new_error(ExcType::ValueError, "number of bits must be non-negative"));
    };
    if k == 0 {
        return vm.new_int(0);
    }
    let words = with_generator(vm, inst, |g| g.random_words(k))?;
    match words[..] {
        [w] => vm.new_int(i64::from(w)),
        _ => vm.new_bigint(BigInt::from(BigUint::new(words))),
    }
}

/// The C part of `Random.seed(a)`: `None` seeds from the OS, an int by its
/// absolute value's 32-bit words, anything else by its hash as an unsigned
/// word.
fn random_seed(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (inst, rest) = method_args(vm, "Random.seed", args, kw, 1)?;
    let a = &rest[0];
    let key = if a.is(&vm.none) {
        os_entropy_key()
    } else if let Some(n) = as_bigint(a) {
        n.magnitude().to_u32_digits()
    } else {
        BigUint::from(vm.hash(a)? as u64).to_u32_digits()
    };
    with_generator(vm, inst, |g| *g = Mt19937::from_key(&key))?;
    Ok(vm.none.clone())
}

/// 256 bits from the OS-seeded keys of the standard library's hash maps,
/// mixed with the time and the process id (CPython reads `urandom`).
fn os_entropy_key() -> Vec<u32> {
    use std::hash::BuildHasher;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    (0..4u32)
        .flat_map(|i| {
            let h = std::collections::hash_map::RandomState::new().hash_one((i, now, std::process::id()));
            [h as u32, (h >> 32) as u32]
        })
        .collect()
}

/// `seed(s)` for a str `s` (version 2): the int whose big-endian bytes are
/// the UTF-8 bytes of `s` followed by their SHA-512 digest.
fn str_seed(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "_str_seed", kw)?;
    arg_count(vm, "_str_seed", args, 1, 1)?;
    let Some(s) = as_str(&args[0]) else {
        let t = vm.type_name(&args[0]);
        return Err(vm.new_error(ExcType::TypeError, format!("_str_seed() argument must be str, not {t}")));
    };
    let mut bytes = s.as_bytes().to_vec();
    bytes.extend_from_slice(&sha512::sha512(s.as_bytes()));
    vm.new_bigint(BigInt::from(BigUint::from_bytes_be(&bytes)))
}

/// The C part of `Random.getstate()`: the 624 words and the index.
fn random_getstate(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (inst, _) = method_args(vm, "Random.getstate", args, kw, 0)?;
    let g = with_generator(vm, inst, |g| g.clone())?;
    let mut items = Vec::with_capacity(N + 1);
    for w in g.state {
        items.push(vm.new_int(i64::from(w))?);
    }
    items.push(vm.new_int(g.index as i64)?);
    vm.new_tuple(items)
}

/// The C part of `Random.setstate()`: a tuple of 624 words and an index.
fn random_setstate(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (inst, rest) = method_args(vm, "Random.setstate", args, kw, 1)?;
    let Some(items) = as_tuple(&rest[0]) else {
        return Err(vm.new_error(ExcType::TypeError, "state vector must be a tuple"));
    };
    if items.len() != N + 1 {
        return Err(vm.new_error(ExcType::ValueError, "state vector is the wrong size"));
    }
    let mut g = Mt19937 { state: [0; N], index: 0 };
    for (word, item) in g.state.iter_mut().zip(items) {
        *word = unsigned_long_arg(vm, item)? as u32;
    }
    let index = crate::args::index_arg(vm, &items[N]).map_err(|e| long_overflow(vm, e))?;
    g.index = usize::try_from(index)
        .ok()
        .filter(|&i| i <= N)
        .ok_or_else(|| vm.new_error(ExcType::ValueError, "invalid state"))?;
    with_generator(vm, inst, |old| *old = g)?;
    Ok(vm.none.clone())
}

/// `PyLong_AsUnsignedLong` and its messages.
fn unsigned_long_arg(vm: &mut Vm, v: &ObjRef) -> PyResult<u64> {
    if !is_int(v) {
        return Err(vm.new_error(ExcType::TypeError, "an integer is required"));
    }
    let negative = as_i64(v).map_or(as_bigint_sign(v) == Some(false), |n| n < 0);
    if negative {
        return Err(vm.new_error(ExcType::OverflowError, "can't convert negative value to unsigned int"));
    }
    as_bigint(v).and_then(|n| u64::try_from(n).ok()).ok_or_else(|| {
        vm.new_error(ExcType::OverflowError, "Python int too large to convert to C unsigned long")
    })
}

/// `index_arg`'s overflow as `PyLong_AsLong` words it.
fn long_overflow(vm: &mut Vm, e: crate::errors::PyErr) -> crate::errors::PyErr {
    if vm.exc_matches(&e.exc, ExcType::OverflowError) {
        return vm.new_error(ExcType::OverflowError, "Python int too large to convert to C long");
    }
    e
}

/// `sample()`'s `setsize`: below it, a list of the population costs less
/// than a set of `k` indexes (`21 + 4 ** ceil(log(3k, 4))` for `k > 5`,
/// with `math.log`'s float arithmetic).
fn sample_setsize(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "_sample_setsize", kw)?;
    arg_count(vm, "_sample_setsize", args, 1, 1)?;
    let k = crate::args::index_arg(vm, &args[0])?;
    let mut setsize = BigInt::from(21);
    if k > 5 {
        let exponent = ((3.0 * k as f64).ln() / 4f64.ln()).ceil() as u32;
        setsize += BigInt::from(4).pow(exponent);
    }
    vm.new_bigint(setsize)
}

/// A float argument of the math helpers (`PyFloat_AsDouble`).
fn float_arg(vm: &mut Vm, v: &ObjRef) -> PyResult<f64> {
    if let Some(f) = as_float(v) {
        return Ok(f);
    }
    if let Some(i) = crate::ops::int_of(v) {
        return i.to_f64().map_err(|e| vm.num_error(e));
    }
    let t = vm.type_name(v);
    Err(vm.new_error(ExcType::TypeError, format!("must be real number, not {t}")))
}

/// A one-argument `math` function with `math`'s errors: a NaN or -inf out
/// of a finite input is a domain error, +inf an overflow.
fn libm(vm: &mut Vm, name: &str, args: &[ObjRef], kw: Option<&[ObjRef]>, f: fn(f64) -> f64) -> PyResult {
    no_kwargs(vm, name, kw)?;
    arg_count(vm, name, args, 1, 1)?;
    let x = float_arg(vm, &args[0])?;
    let r = f(x);
    if (r.is_nan() && !x.is_nan()) || (r == f64::NEG_INFINITY && x.is_finite()) {
        return Err(vm.new_error(ExcType::ValueError, "math domain error"));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(vm.new_error(ExcType::OverflowError, "math range error"));
    }
    vm.new_float(r)
}

/// `math.log(x)`.
fn m_log(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    libm(vm, "_log", args, kw, f64::ln)
}

/// `math.exp(x)`.
fn m_exp(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    libm(vm, "_exp", args, kw, f64::exp)
}

/// `math.sqrt(x)`.
fn m_sqrt(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    libm(vm, "_sqrt", args, kw, f64::sqrt)
}

/// `math.cos(x)`.
fn m_cos(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    libm(vm, "_cos", args, kw, f64::cos)
}

/// `math.sin(x)`.
fn m_sin(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    libm(vm, "_sin", args, kw, f64::sin)
}

/// `math.acos(x)`.
fn m_acos(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    libm(vm, "_acos", args, kw, f64::acos)
}
