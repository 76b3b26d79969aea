# Instances of a list subclass have a __dict__ for their own attributes.
class Named(list):
    pass


n = Named("abc")
n.label = "letters"
print(n, n.label, n.__dict__)
n.extend("de")
print(len(n), n)
