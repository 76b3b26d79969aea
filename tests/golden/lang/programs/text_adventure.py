# A tiny text adventure as a state machine driven by a scripted list of commands.
rooms = {
    "hall": {"desc": "a dusty hall", "exits": {"north": "library", "east": "kitchen"}, "items": ["lamp"]},
    "library": {"desc": "shelves of old books", "exits": {"south": "hall"}, "items": ["book", "key"]},
    "kitchen": {"desc": "a cold kitchen", "exits": {"west": "hall", "down": "cellar"}, "items": []},
    "cellar": {"desc": "a dark cellar", "exits": {"up": "kitchen"}, "items": ["treasure"]},
}

class Game:
    def __init__(self):
        self.room = "hall"
        self.inventory = []
        self.moves = 0

    def do(self, command):
        verb, _, arg = command.partition(" ")
        handler = getattr(self, "cmd_" + verb, None)
        if handler is None:
            return f"I don't know how to {verb!r}."
        self.moves += 1
        return handler(arg)

    def cmd_look(self, _):
        r = rooms[self.room]
        items = ", ".join(r["items"]) or "nothing"
        return f"You are in {r['desc']}. You see {items}. Exits: {', '.join(sorted(r['exits']))}."

    def cmd_go(self, direction):
        exits = rooms[self.room]["exits"]
        if direction not in exits:
            return "You can't go that way."
        if exits[direction] == "cellar" and "lamp" not in self.inventory:
            return "It is too dark to go down without a lamp."
        self.room = exits[direction]
        return self.cmd_look("")

    def cmd_take(self, item):
        items = rooms[self.room]["items"]
        if item not in items:
            return f"There is no {item} here."
        items.remove(item)
        self.inventory.append(item)
        return f"Taken: {item}."

    def cmd_inventory(self, _):
        return "You carry: " + (", ".join(sorted(self.inventory)) or "nothing")

game = Game()
script = ["look", "take lamp", "go north", "take key", "take sword", "go south", "go east",
          "go down", "take treasure", "inventory", "dance", "go up"]
for c in script:
    print(">", c)
    print(game.do(c))
print("moves:", game.moves, "won:", "treasure" in game.inventory)
