head = {}
for i in range(300000):
    head = {"value": i, "next": head}
print(head["value"], head["next"]["value"])
del head
print("freed")
