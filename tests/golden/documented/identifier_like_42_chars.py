# Documented interning rule (hand-written expectation): identifier-like literals
# are interned whatever their length, as in CPython, so this prints True.
a = "identifier_like_literal_with_42_characters"
b = "identifier_like_literal_with_42_characters"
print(len(a))
print(a is b)
