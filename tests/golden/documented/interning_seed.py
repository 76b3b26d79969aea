# Documented difference from CPython (hand-written expectation, not regenerated):
# refpy interns string literals that are identifier-like or at most 20 characters
# long; any longer literal makes a new object at each occurrence in the source.
# CPython 3.11 merges equal constants of one script, so it prints True on the
# third line; refpy prints False (docs: DESIGN.md, "Interning").
a = 10
b = 10
print(a is b)
a = "hello world"
b = "hello world"
print(a is b)
a = "a very very very long string that might not be interned"
b = "a very very very long string that might not be interned"
print(a is b)
