big = 10 ** 30 + 7
print(big // 3)
print(big % 3)
print(-big // 3)
print(-big % 3)
print(big // -7)
print(big % -7)
print(-big // (10 ** 15))
print(-big % (10 ** 15))
