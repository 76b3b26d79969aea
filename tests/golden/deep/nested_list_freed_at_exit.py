# The structure is still alive when the program ends; shutdown must free it safely.
x = []
for i in range(1000000):
    x = [x]
print("built")
