fa = 1.5
fb = 1.5
print(fa is fb)
print(float("1.5") is float("1.5"))
