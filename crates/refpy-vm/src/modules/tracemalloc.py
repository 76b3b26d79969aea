# refpy's `tracemalloc` module, the Python half, written in the Python refpy runs.
#
# The native half (`_tracemalloc`, tracemalloc.rs beside this file) starts and stops
# tracing and hands out the raw traces: tuples (domain, size, frames, total_nframe), the
# frames newest first as (filename, lineno) pairs. Everything here groups, sorts, filters
# and formats them; the texts, sort orders and error messages are CPython 3.11's.
# Snapshots are written by dump() in refpy's own text format (CPython pickles them).

from _tracemalloc import *
from _tracemalloc import _get_object_traceback, _get_traces


def _format_size(size, sign):
    # Bytes below 10 KiB as "1234 B"; then each unit has 3 significant digits at most:
    # "12.3 KiB" below 100 of the unit, "123 KiB" from there.
    units = ('B', 'KiB', 'MiB', 'GiB', 'TiB')
    for i, unit in enumerate(units):
        last = i == len(units) - 1
        if i and abs(size) < 100:
            return ("%+.1f %s" if sign else "%.1f %s") % (size, unit)
        if abs(size) < 10 * 1024 or last:
            return ("%+.0f %s" if sign else "%.0f %s") % (size, unit)
        size /= 1024


def _ordered(cls):
    # functools.total_ordering for classes defining __eq__ and __lt__.
    def le(self, other):
        lt = self.__lt__(other)
        if lt is NotImplemented:
            return lt
        return lt or self == other

    def gt(self, other):
        lt = self.__lt__(other)
        if lt is NotImplemented:
            return lt
        return not lt and self != other

    def ge(self, other):
        lt = self.__lt__(other)
        if lt is NotImplemented:
            return lt
        return not lt

    cls.__le__ = le
    cls.__gt__ = gt
    cls.__ge__ = ge
    return cls


class Statistic:
    """Size and count of the traces grouped under one traceback."""

    __slots__ = ('traceback', 'size', 'count')

    def __init__(self, traceback, size, count):
        self.traceback = traceback
        self.size = size
        self.count = count

    def __hash__(self):
        return hash((self.traceback, self.size, self.count))

    def __eq__(self, other):
        if not isinstance(other, Statistic):
            return NotImplemented
        return (self.traceback, self.size, self.count) == (other.traceback, other.size, other.count)

    def __str__(self):
        text = "%s: size=%s, count=%i" % (self.traceback, _format_size(self.size, False), self.count)
        return text + _average(self.size, self.count)

    def __repr__(self):
        return '<Statistic traceback=%r size=%i count=%i>' % (self.traceback, self.size, self.count)


class StatisticDiff:
    """A Statistic with its change since an older snapshot."""

    __slots__ = ('traceback', 'size', 'size_diff', 'count', 'count_diff')

    def __init__(self, traceback, size, size_diff, count, count_diff):
        self.traceback = traceback
        self.size = size
        self.size_diff = size_diff
        self.count = count
        self.count_diff = count_diff

    def _fields(self):
        return (self.traceback, self.size, self.size_diff, self.count, self.count_diff)

    def __hash__(self):
        return hash(self._fields())

    def __eq__(self, other):
        if not isinstance(other, StatisticDiff):
            return NotImplemented
        return self._fields() == other._fields()

    def __str__(self):
        text = "%s: size=%s (%s), count=%i (%+i)" % (
            self.traceback, _format_size(self.size, False), _format_size(self.size_diff, True),
            self.count, self.count_diff)
        return text + _average(self.size, self.count)

    def __repr__(self):
        return '<StatisticDiff traceback=%r size=%i (%+i) count=%i (%+i)>' % self._fields()


# Sort keys: the traceback compares by its frames (what Traceback.__lt__ compares).
def _statistic_order(s):
    return (s.size, s.count, s.traceback._frames)


def _diff_order(d):
    return (abs(d.size_diff), d.size, abs(d.count_diff), d.count, d.traceback._frames)


def _average(size, count):
    if not count:
        return ""
    return ", average=%s" % _format_size(size / count, False)


@_ordered
class Frame:
    """One (filename, lineno) of a traceback."""

    __slots__ = ("_frame",)

    def __init__(self, frame):
        # (filename, lineno)
        self._frame = frame

    @property
    def filename(self):
        return self._frame[0]

    @property
    def lineno(self):
        return self._frame[1]

    def __eq__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame == other._frame

    def __lt__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame < other._frame

    def __hash__(self):
        return hash(self._frame)

    def __str__(self):
        return "%s:%s" % (self.filename, self.lineno)

    def __repr__(self):
        return "<Frame filename=%r lineno=%r>" % (self.filename, self.lineno)


@_ordered
class Traceback:
    """The frames of an allocation, oldest first."""

    __slots__ = ("_frames", '_total_nframe')

    def __init__(self, frames, total_nframe=None):
        # The native side lists frames newest first; a Traceback holds them oldest first.
        self._frames = tuple(reversed(frames))
        self._total_nframe = total_nframe

    @property
    def total_nframe(self):
        return self._total_nframe

    def __len__(self):
        return len(self._frames)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple([Frame(f) for f in self._frames[index]])
        return Frame(self._frames[index])

    def __iter__(self):
        for f in self._frames:
            yield Frame(f)

    def __reversed__(self):
        for f in reversed(self._frames):
            yield Frame(f)

    def __contains__(self, frame):
        return frame._frame in self._frames

    def index(self, frame):
        return self._frames.index(frame._frame)

    def count(self, frame):
        return self._frames.count(frame._frame)

    def __hash__(self):
        return hash(self._frames)

    def __eq__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames == other._frames

    def __lt__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames < other._frames

    def __str__(self):
        return str(self[0])

    def __repr__(self):
        text = "<Traceback %s" % (tuple(self),)
        if self._total_nframe is None:
            return text + ">"
        return text + " total_nframe=%s>" % (self._total_nframe,)

    def format(self, limit=None, most_recent_first=False):
        frames = list(self)
        if limit is not None:
            frames = frames[-limit:] if limit > 0 else frames[:limit]
        if most_recent_first:
            frames.reverse()
        lines = []
        for frame in frames:
            lines.append('  File "%s", line %s' % (frame.filename, frame.lineno))
            source = _getline(frame.filename, frame.lineno).strip()
            if source:
                lines.append('    %s' % source)
        return lines


def get_object_traceback(obj):
    """Where obj's memory block was allocated, or None when that was not traced."""
    frames = _get_object_traceback(obj)
    if frames is None:
        return None
    return Traceback(frames)


class Trace:
    """One traced memory block: domain, size and traceback."""

    __slots__ = ("_trace",)

    def __init__(self, trace):
        # (domain, size, frames, total_nframe)
        self._trace = trace

    @property
    def domain(self):
        return self._trace[0]

    @property
    def size(self):
        return self._trace[1]

    @property
    def traceback(self):
        return Traceback(*self._trace[2:])

    def __eq__(self, other):
        if not isinstance(other, Trace):
            return NotImplemented
        return self._trace == other._trace

    def __hash__(self):
        return hash(self._trace)

    def __str__(self):
        return "%s: %s" % (self.traceback, _format_size(self.size, False))

    def __repr__(self):
        return "<Trace domain=%s size=%s, traceback=%r>" % (
            self.domain, _format_size(self.size, False), self.traceback)


class _Traces:
    def __init__(self, traces):
        self._traces = traces

    def __len__(self):
        return len(self._traces)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple([Trace(t) for t in self._traces[index]])
        return Trace(self._traces[index])

    def __iter__(self):
        for t in self._traces:
            yield Trace(t)

    def __contains__(self, trace):
        return trace._trace in self._traces

    def __eq__(self, other):
        if not isinstance(other, _Traces):
            return NotImplemented
        return self._traces == other._traces

    def __repr__(self):
        return "<Traces len=%s>" % len(self)


def _normalize_filename(filename):
    # os.path.normcase changes nothing on POSIX; a .pyc names its .py.
    if filename.endswith('.pyc'):
        return filename[:-1]
    return filename


class BaseFilter:
    def __init__(self, inclusive):
        self.inclusive = inclusive

    def _match(self, trace):
        raise NotImplementedError


class Filter(BaseFilter):
    def __init__(self, inclusive, filename_pattern, lineno=None, all_frames=False, domain=None):
        super().__init__(inclusive)
        self._filename_pattern = _normalize_filename(filename_pattern)
        self.lineno = lineno
        self.all_frames = all_frames
        self.domain = domain

    @property
    def filename_pattern(self):
        return self._filename_pattern

    def _frame_matches(self, filename, lineno):
        if not _fnmatch(_normalize_filename(filename), self._filename_pattern):
            return False
        return self.lineno is None or lineno == self.lineno

    def _traceback_matches(self, frames):
        if self.all_frames:
            hit = any(self._frame_matches(f, n) for f, n in frames)
            return hit if self.inclusive else not hit
        filename, lineno = frames[0]
        return self._frame_matches(filename, lineno) ^ (not self.inclusive)

    def _match(self, trace):
        domain, size, frames, total_nframe = trace
        res = self._traceback_matches(frames)
        if self.domain is None:
            return res
        if self.inclusive:
            return res and domain == self.domain
        return res or domain != self.domain


class DomainFilter(BaseFilter):
    def __init__(self, inclusive, domain):
        super().__init__(inclusive)
        self._domain = domain

    @property
    def domain(self):
        return self._domain

    def _match(self, trace):
        return (trace[0] == self.domain) ^ (not self.inclusive)


def _group_key(frames, key_type):
    # The Traceback a trace (or, cumulative, one of its frames) is counted under.
    if key_type == 'traceback':
        return Traceback(frames)
    if key_type == 'lineno':
        return Traceback(frames[:1])
    return Traceback(((frames[0][0], 0),))


def _group_by(traces, key_type, cumulative):
    if key_type not in ('traceback', 'filename', 'lineno'):
        raise ValueError("unknown key_type: %r" % (key_type,))
    if cumulative and key_type not in ('lineno', 'filename'):
        raise ValueError("cumulative mode cannot by used with key type %r" % key_type)
    stats = {}
    keys = {}
    for domain, size, frames, total_nframe in traces:
        parts = [(f,) for f in frames] if cumulative else [frames]
        for part in parts:
            key = keys.get(part)
            if key is None:
                key = keys[part] = _group_key(part, key_type)
            stat = stats.get(key)
            if stat is None:
                stats[key] = Statistic(key, size, 1)
            else:
                stat.size += size
                stat.count += 1
    return stats


class Snapshot:
    """The traces of the memory blocks alive at one moment."""

    def __init__(self, traces, traceback_limit):
        self.traces = _Traces(traces)
        self.traceback_limit = traceback_limit

    def dump(self, filename):
        """Writes the snapshot to a file (refpy's format)."""
        _dump_snapshot(filename, tuple(self.traces._traces), self.traceback_limit)

    @staticmethod
    def load(filename):
        """Reads a snapshot written by dump()."""
        traces, traceback_limit = _load_snapshot(filename)
        return Snapshot(traces, traceback_limit)

    def filter_traces(self, filters):
        """A new Snapshot with the traces the filters let through (all of them for [])."""
        try:
            iter(filters)
        except TypeError:
            raise TypeError("filters must be a list of filters, not %s" % type(filters).__name__) from None
        if not filters:
            return Snapshot(list(self.traces._traces), self.traceback_limit)
        include = [f for f in filters if f.inclusive]
        exclude = [f for f in filters if not f.inclusive]
        kept = []
        for trace in self.traces._traces:
            if include and not any(f._match(trace) for f in include):
                continue
            if exclude and not all(f._match(trace) for f in exclude):
                continue
            kept.append(trace)
        return Snapshot(kept, self.traceback_limit)

    def _group_by(self, key_type, cumulative):
        return _group_by(self.traces._traces, key_type, cumulative)

    def statistics(self, key_type, cumulative=False):
        """Statistics grouped by key_type, biggest first."""
        result = list(self._group_by(key_type, cumulative).values())
        result.sort(reverse=True, key=_statistic_order)
        return result

    def compare_to(self, old_snapshot, key_type, cumulative=False):
        """StatisticDiffs against an older snapshot, biggest change first."""
        new = self._group_by(key_type, cumulative)
        old = old_snapshot._group_by(key_type, cumulative)
        result = []
        for key, stat in new.items():
            before = old.pop(key, None)
            size_diff = stat.size - (before.size if before is not None else 0)
            count_diff = stat.count - (before.count if before is not None else 0)
            result.append(StatisticDiff(key, stat.size, size_diff, stat.count, count_diff))
        for key, stat in old.items():
            result.append(StatisticDiff(key, 0, -stat.size, 0, -stat.count))
        result.sort(reverse=True, key=_diff_order)
        return result


def take_snapshot():
    """The traces of every memory block allocated while tracing and still alive."""
    if not is_tracing():
        raise RuntimeError("the tracemalloc module must be tracing memory allocations to take a snapshot")
    return Snapshot(_get_traces(), get_traceback_limit())
