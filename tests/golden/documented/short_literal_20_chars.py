# Documented interning rule (hand-written expectation): a literal of at most
# 20 characters is interned even when it is not identifier-like, so two
# occurrences are one object. CPython agrees here (it merges constants).
a = "hello, world! 2024!!"
b = "hello, world! 2024!!"
print(len(a))
print(a is b)
