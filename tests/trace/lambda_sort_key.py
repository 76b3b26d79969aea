# sorted() calls the key lambda once per item and returns a new list of the same objects.
people = [("bob", 25), ("amy", 31), ("cat", 19)]
by_age = sorted(people, key=lambda p: p[1])
print(by_age)
print(by_age[0] is people[2], by_age is people)
people.sort(key=lambda p: p[0], reverse=True)
print(people)
