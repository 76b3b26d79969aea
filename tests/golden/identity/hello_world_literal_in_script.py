# Not identifier-like, but one compilation unit merges equal constants.
s1 = "hello world"
s2 = "hello world"
print(s1 is s2)
