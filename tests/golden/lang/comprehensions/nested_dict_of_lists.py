words = ["apple", "avocado", "banana", "blueberry", "cherry"]
groups = {letter: [w for w in words if w[0] == letter] for letter in sorted({w[0] for w in words})}
print(groups)
