# str seeds go through SHA-512 (version 2) or the old string hash (version 1);
# float seeds through hash().
import random
for a in ("hello", "", "héllo wörld", "x" * 200):
    random.seed(a)
    print(repr(a[:10]), random.random())
random.seed("hello", version=1)
print(random.random())
for f in (3.14, -3.14, 0.5, 1e300, 1.0, -1.0, 0.0, 2.0 ** 40):
    random.seed(f)
    print(f, random.random())
