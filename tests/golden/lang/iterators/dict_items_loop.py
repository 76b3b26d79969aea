d = {'x': 10, 'y': 20}
for key, value in d.items():
    print(key, value)
for value in d.values():
    print(value)
print(sorted(d.items(), key=lambda kv: -kv[1]))
print([k for k in d.keys()], sum(d.values()))
