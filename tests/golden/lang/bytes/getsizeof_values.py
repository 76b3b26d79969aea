# sys.getsizeof of bytes is 33 + len (PyBytesObject plus the NUL byte); bytes are not GC-tracked.
import gc
import sys
print(sys.getsizeof(b''), sys.getsizeof(b'a'), sys.getsizeof(b'abc'), sys.getsizeof(bytes(100)), sys.getsizeof(b'x' * 1000))
print(sys.getsizeof(iter(b'ab')), gc.is_tracked(b'x'), gc.is_tracked(b'longer bytes'), gc.is_tracked(iter(b'ab')))
