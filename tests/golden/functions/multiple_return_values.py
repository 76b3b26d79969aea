def divmod_like(a, b):
    return a // b, a % b
q, r = divmod_like(17, 5)
print(q, r)
print(divmod_like(-17, 5))
