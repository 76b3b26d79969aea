ages = {"alice": 30}
print(ages["bob"])
