# A class attribute is one object every instance sees; assigning through an instance makes its own.
class Team:
    members = []

    def __init__(self, name):
        self.name = name

    def join(self, who):
        self.members.append(who)


a = Team("a")
b = Team("b")
a.join("ann")
b.join("bo")
print(Team.members, a.members is b.members)
a.members = ["solo"]
print(a.members, b.members)
