# A property's __doc__ is its doc argument, else its getter's docstring.
class Box:
    def _get(self):
        "The size of the box."
        return 3

    size = property(_get)
    other = property(_get, None, None, "Given explicitly.")


print(Box.size.__doc__, "|", Box.other.__doc__, "|", property().__doc__)
