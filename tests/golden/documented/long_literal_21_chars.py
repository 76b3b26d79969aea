# Documented difference from CPython (hand-written expectation): a 21-character
# literal that is not identifier-like is past the 20-character limit, so each
# occurrence is its own object. CPython 3.11 prints True (merged constants).
a = "hello, world! 2024!!!"
b = "hello, world! 2024!!!"
print(len(a))
print(a is b)
print(a == b)
