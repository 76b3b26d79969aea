# String literals are parser objects too: each has the arena's reference while the
# script runs, whether short, identifier-like, long, concatenated or an f-string piece.
import sys
def rc(x):
    return sys.getrefcount(x) - 3
short = "ab! x"
name_like = "zqw_literal_name"
long_text = "a string literal of more than twenty characters!"
joined = "ab" "cd!"
def pieces(n):
    return f"piece one! {n} piece two!"
print(rc(short), rc(name_like), rc(long_text), rc(joined))
print(pieces(1))
