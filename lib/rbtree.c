/*
 * Red-black trees (include/rbtree.h, include/rbtree_augmented.h): insert and erase
 * rebalancing, after the classic algorithm (Cormen et al., "Introduction to Algorithms",
 * ch. 13), and in-order walks. Users sort by their own keys: vmalloc's address trees.
 *
 * The rules every tree keeps between calls, with empty (NULL) children counted as black:
 *   1. the root is black;
 *   2. a red node has no red child;
 *   3. every path from a node down to an empty child passes the same number of black
 *      nodes (the node's "black height").
 * Together they bound the longest path by twice the shortest, hence height <= 2 log2(n+1).
 *
 * Each mirror-image pair of cases is written once: @dir names the side a case is about
 * and !@dir the other, with child() and set_child() choosing rb_left or rb_right.
 */
#include <rbtree_augmented.h>

enum {
	LEFT = 0,
	RIGHT = 1
};

static inline struct rb_node *child(const struct rb_node *node, int dir)
{
	return dir == LEFT ? node->rb_left : node->rb_right;
}

static inline void set_child(struct rb_node *node, int dir, struct rb_node *kid)
{
	if (dir == LEFT)
		node->rb_left = kid;
	else
		node->rb_right = kid;
}

/* Which side of its parent @node hangs on; @node may be an empty child of @parent. */
static inline int side_of(const struct rb_node *node, const struct rb_node *parent)
{
	return parent->rb_left == node ? LEFT : RIGHT;
}

static inline void set_parent_color(struct rb_node *node, struct rb_node *parent, int color)
{
	node->__rb_parent_color = (unsigned long)parent | color;
}

static inline void set_parent(struct rb_node *node, struct rb_node *parent)
{
	set_parent_color(node, parent, rb_color(node));
}

static inline void set_color(struct rb_node *node, int color)
{
	set_parent_color(node, rb_parent(node), color);
}

/* Empty children count as black. */
static inline bool is_red(const struct rb_node *node)
{
	return node && rb_is_red(node);
}

/* Make whatever pointed at @old (its parent's child link, or the root) point at @new. */
static void replace_child(struct rb_node *old, struct rb_node *new, struct rb_node *parent,
			  struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/*
 * Rotate @node down to the @dir side: its child on the other side rises into its place
 * and @node becomes that child's @dir child, taking over the riser's inner subtree. The
 * in-order sequence is unchanged; both nodes keep their colours, the caller recolours.
 */
static void rotate(struct rb_root *root, struct rb_node *node, int dir,
		   const struct rb_augment_callbacks *augment)
{
	struct rb_node *riser = child(node, !dir);
	struct rb_node *inner = child(riser, dir);
	struct rb_node *parent = rb_parent(node);

	set_child(node, !dir, inner);
	if (inner)
		set_parent(inner, node);
	set_child(riser, dir, node);
	set_parent(riser, parent);
	replace_child(node, riser, parent, root);
	set_parent(node, riser);
	if (augment)
		augment->rotate(node, riser);
}

/*
 * A red node just linked may have a red parent (rule 2); nothing else can be wrong, as a
 * red leaf adds no black to any path. Move the red-red conflict up or rotate it away.
 */
static void insert_fixup(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *augment)
{
	struct rb_node *parent, *gparent, *uncle;
	int dir;

	while ((parent = rb_parent(node)) && rb_is_red(parent)) {
		/* A red parent is not the root, and its parent is black (rule 2 held before). */
		gparent = rb_parent(parent);
		dir = side_of(parent, gparent);
		uncle = child(gparent, !dir);
		if (is_red(uncle)) {
			/*
			 * Red parent and uncle: pass the grandparent's black down to both. Every
			 * path through the grandparent still meets one black, but the now red
			 * grandparent may have a red parent: go round again from there.
			 */
			set_color(parent, RB_BLACK);
			set_color(uncle, RB_BLACK);
			set_color(gparent, RB_RED);
			node = gparent;
			continue;
		}
		if (node == child(parent, !dir)) {
			/*
			 * Black uncle, node on the inner side: rotate it above its parent so that
			 * the red pair lies on the outer side, the shape the last case handles.
			 * Both are red, so no black height changes.
			 */
			rotate(root, parent, dir, augment);
			parent = node;
		}
		/*
		 * Black uncle, red pair on the outer side: rotate the grandparent down towards
		 * the uncle and swap colours, so the parent is the subtree's black top with two
		 * red children. Paths keep one black each; the black top ends the loop.
		 */
		rotate(root, gparent, !dir, augment);
		set_color(parent, RB_BLACK);
		set_color(gparent, RB_RED);
		break;
	}
	/* The loop may have reddened the root (first case); blackening it is always safe. */
	set_color(root->rb_node, RB_BLACK);
}

void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	insert_fixup(node, root, NULL);
}

void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *augment)
{
	insert_fixup(node, root, augment);
}

/*
 * A black node was taken out of the path to @node (possibly an empty child of @parent):
 * every path through @node is one black short of its sibling's paths (rule 3). Treat
 * @node as carrying an extra black and push it up, or absorb it with rotations.
 */
static void erase_fixup(struct rb_node *node, struct rb_node *parent, struct rb_root *root,
			const struct rb_augment_callbacks *augment)
{
	struct rb_node *sibling, *outer;

	while (parent && !is_red(node)) {
		int dir = side_of(node, parent);

		/* The sibling's side has black height >= 1 more than ours: it is not empty. */
		sibling = child(parent, !dir);
		if (rb_is_red(sibling)) {
			/*
			 * Red sibling (so a black parent): rotate it above the parent and swap their
			 * colours. Black heights are unchanged, and our new sibling is one of the old
			 * sibling's children, black: one of the cases below now applies.
			 */
			set_color(sibling, RB_BLACK);
			set_color(parent, RB_RED);
			rotate(root, parent, dir, augment);
			sibling = child(parent, !dir);
		}
		if (!is_red(sibling->rb_left) && !is_red(sibling->rb_right)) {
			/*
			 * Black sibling with black children: redden it, so its side is one black
			 * short too; now the whole parent subtree is short. A red parent absorbs
			 * that by turning black (after the loop); else go round from the parent.
			 */
			set_color(sibling, RB_RED);
			node = parent;
			parent = rb_parent(node);
			continue;
		}
		outer = child(sibling, !dir);
		if (!is_red(outer)) {
			/*
			 * Black sibling whose only red child is the inner one: rotate that child up
			 * into the sibling's place. It becomes our sibling, with the old sibling as
			 * its outer child: the shape of the last case, whose recolouring sets all
			 * three colours, so none is set here.
			 */
			outer = sibling;
			sibling = child(sibling, dir);
			rotate(root, outer, !dir, augment);
		}
		/*
		 * Black sibling with a red outer child: rotate the parent down on our side. The
		 * sibling takes the parent's place and colour; the parent, now above us, and the
		 * outer child both turn black. Our paths gain the black they lacked and the
		 * sibling's keep theirs: the tree is balanced.
		 */
		set_color(sibling, rb_color(parent));
		set_color(parent, RB_BLACK);
		set_color(outer, RB_BLACK);
		rotate(root, parent, dir, augment);
		return;
	}
	/* A red node (or the root) takes the extra black simply by turning black. */
	if (node)
		set_color(node, RB_BLACK);
}

/*
 * Take @node out of the tree, correcting augmented values on the way (when @augment is
 * set), then restore rule 3 if a black node went missing from some paths.
 */
static void erase(struct rb_node *node, struct rb_root *root,
		  const struct rb_augment_callbacks *augment)
{
	struct rb_node *parent = rb_parent(node);
	struct rb_node *hole, *hole_parent, *successor;
	bool black_lost;

	if (!node->rb_left || !node->rb_right) {
		/* At most one child: it moves up into the node's place. */
		hole = node->rb_left ? node->rb_left : node->rb_right;
		hole_parent = parent;
		black_lost = rb_is_black(node);
		replace_child(node, hole, parent, root);
		if (hole)
			set_parent(hole, parent);
		if (augment)
			augment->propagate(parent, NULL);
	} else {
		/*
		 * Two children: the successor (leftmost of the right subtree, so it has no left
		 * child) moves into the node's place with the node's colour. What is lost is the
		 * successor's own colour, at its old place, where its right child moves up.
		 */
		successor = node->rb_right;
		while (successor->rb_left)
			successor = successor->rb_left;
		hole = successor->rb_right;
		black_lost = rb_is_black(successor);
		if (successor == node->rb_right) {
			hole_parent = successor;
		} else {
			hole_parent = rb_parent(successor);
			hole_parent->rb_left = hole;
			if (hole)
				set_parent(hole, hole_parent);
			successor->rb_right = node->rb_right;
			set_parent(node->rb_right, successor);
		}
		successor->rb_left = node->rb_left;
		set_parent(node->rb_left, successor);
		successor->__rb_parent_color = node->__rb_parent_color;
		replace_child(node, successor, parent, root);
		if (augment) {
			/*
			 * The successor inherits the node's value, which still counts the node
			 * itself: fix the path up to the successor's old place first, then
			 * recompute the successor in any case, and on up from it.
			 */
			augment->copy(node, successor);
			if (hole_parent != successor)
				augment->propagate(hole_parent, successor);
			augment->propagate(successor, NULL);
		}
	}
	if (!black_lost)
		return;
	/*
	 * A black node with one child has a red child (rule 3: the empty side has black
	 * height 0), so a moved-up child, when there is one, is red and can take the lost
	 * black itself. Otherwise the fixup starts at the empty place.
	 */
	erase_fixup(hole, hole_parent, root, augment);
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	erase(node, root, NULL);
}

void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment_callbacks *augment)
{
	erase(node, root, augment);
}

/* The last node reached going from @node always towards @dir: the extreme of its subtree. */
static struct rb_node *extreme(struct rb_node *node, int dir)
{
	if (node)
		while (child(node, dir))
			node = child(node, dir);
	return node;
}

struct rb_node *rb_first(const struct rb_root *root)
{
	return extreme(root->rb_node, LEFT);
}

struct rb_node *rb_last(const struct rb_root *root)
{
	return extreme(root->rb_node, RIGHT);
}

/*
 * The neighbour of @node towards @dir in sort order: the nearest node of its @dir subtree
 * if it has one, else the first ancestor that has @node's subtree on its other side.
 */
static struct rb_node *neighbour(const struct rb_node *node, int dir)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (child(node, dir))
		return extreme(child(node, dir), !dir);
	while ((parent = rb_parent(node)) && node == child(parent, dir))
		node = parent;
	return parent;
}

struct rb_node *rb_next(const struct rb_node *node)
{
	return neighbour(node, RIGHT);
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	return neighbour(node, LEFT);
}

void rb_replace_node(struct rb_node *victim, struct rb_node *new, struct rb_root *root)
{
	struct rb_node *parent = rb_parent(victim);

	*new = *victim;
	if (victim->rb_left)
		set_parent(victim->rb_left, new);
	if (victim->rb_right)
		set_parent(victim->rb_right, new);
	replace_child(victim, new, parent, root);
}
