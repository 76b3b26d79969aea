print(round(15, -1), round(25, -1), round(35, -1), round(-25, -1), round(1234, -2), round(7, 0), round(7, 3))
print(round(True), round(10**20 + 5, -1))
try:
    round('a')
except TypeError as e:
    print(e)
