/*
 * Red-black trees with the node embedded in the sorted object, with Linux's names and
 * semantics. The tree knows nothing of keys: the caller searches for the place of a new
 * node, links it there with rb_link_node() and calls rb_insert_color() to rebalance.
 * Height stays below 2 * log2(n + 1), so a search, insert or erase is O(log n).
 * Augmented trees (a per-subtree summary kept up to date) are in <rbtree_augmented.h>.
 *
 * Nothing here locks or allocates: callers serialise access to a tree themselves.
 */
#ifndef _RBTREE_H
#define _RBTREE_H

#include <compiler.h>
#include <kernel.h>
#include <types.h>

/*
 * A node of a red-black tree. The parent pointer and the colour share one word: nodes are
 * at least long-aligned, so the lowest bit of the parent's address is free to hold the
 * colour. Use rb_parent() to read the parent; never read the word directly.
 */
struct rb_node {
	unsigned long __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __aligned(sizeof(long));

/* A tree: a pointer to its root node, NULL when the tree is empty. */
struct rb_root {
	struct rb_node *rb_node;
};

/* RB_ROOT - an empty tree, as an initialiser: struct rb_root tree = RB_ROOT; */
#define RB_ROOT          \
	(struct rb_root) \
	{                \
		NULL,    \
	}

/* rb_parent - the parent of node @r, or NULL for the root. */
#define rb_parent(r) ((struct rb_node *)((r)->__rb_parent_color & ~3UL))

/* rb_entry - the object of type @type whose member @member is the tree node @ptr. */
#define rb_entry(ptr, type, member) container_of(ptr, type, member)

/* rb_entry_safe - as rb_entry(), but NULL when @ptr is NULL. */
#define rb_entry_safe(ptr, type, member)                          \
	({                                                        \
		__typeof__(ptr) ____ptr = (ptr);                  \
		____ptr ? rb_entry(____ptr, type, member) : NULL; \
	})

/* RB_EMPTY_ROOT - true when tree @root has no nodes. */
#define RB_EMPTY_ROOT(root) (READ_ONCE((root)->rb_node) == NULL)

/*
 * RB_CLEAR_NODE - mark @node as on no tree (its parent word points at itself).
 * RB_EMPTY_NODE - true for a node so marked. rb_erase() does not mark the node it
 * removes: callers that test membership later call RB_CLEAR_NODE() after rb_erase().
 */
#define RB_EMPTY_NODE(node) ((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node) ((node)->__rb_parent_color = (unsigned long)(node))

/**
 * rb_link_node - attach a new node to the tree where a search ended
 * @node: the node to insert, not on any tree
 * @parent: the last node the search visited, or NULL when the tree is empty
 * @rb_link: the empty child pointer the search ended at (&parent->rb_left or
 *	&parent->rb_right, or &root->rb_node for an empty tree)
 *
 * The node is linked as a red leaf; the tree may now break the red-black rules until
 * rb_insert_color() (or rb_insert_augmented()) is called, which must happen before any
 * other operation on the tree.
 */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent; /* colour bit 0: red */
	node->rb_left = NULL;
	node->rb_right = NULL;
	*rb_link = node;
}

/**
 * rb_insert_color - rebalance a tree after rb_link_node()
 * @node: the node just linked
 * @root: the tree it was linked into
 *
 * Recolours and rotates so that the red-black rules hold again. The in-order sequence of
 * nodes is unchanged, so the node stays where the caller's search put it. O(log n), at
 * most two rotations.
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root);

/**
 * rb_erase - remove a node from a tree
 * @node: the node to remove; it must be on @root
 * @root: the tree
 *
 * Unlinks the node and rebalances; the order of the other nodes is unchanged. The node's
 * own fields are left stale (see RB_CLEAR_NODE()). O(log n), at most three rotations.
 */
void rb_erase(struct rb_node *node, struct rb_root *root);

/**
 * rb_first - the first node of a tree in sort order (its leftmost node)
 * @root: the tree
 *
 * Return: the node, or NULL when the tree is empty. O(log n).
 */
struct rb_node *rb_first(const struct rb_root *root);

/**
 * rb_last - the last node of a tree in sort order (its rightmost node)
 * @root: the tree
 *
 * Return: the node, or NULL when the tree is empty. O(log n).
 */
struct rb_node *rb_last(const struct rb_root *root);

/**
 * rb_next - the node that follows @node in sort order
 * @node: a node on a tree
 *
 * Return: the successor, or NULL when @node is the last node or is marked with
 * RB_CLEAR_NODE(). O(log n) at worst, O(1) amortised over a whole walk.
 */
struct rb_node *rb_next(const struct rb_node *node);

/**
 * rb_prev - the node that precedes @node in sort order
 * @node: a node on a tree
 *
 * Return: the predecessor, or NULL when @node is the first node or is marked with
 * RB_CLEAR_NODE(). O(log n) at worst, O(1) amortised over a whole walk.
 */
struct rb_node *rb_prev(const struct rb_node *node);

/**
 * rb_replace_node - put a new node in the place of one on a tree
 * @victim: the node on the tree to replace
 * @new: the node to put in its place, not on any tree
 * @root: the tree
 *
 * @new takes over @victim's parent, children and colour without any rebalancing, so
 * @new must sort exactly where @victim did (and carry the same augmented value, on an
 * augmented tree). @victim's fields are left stale. O(1).
 */
void rb_replace_node(struct rb_node *victim, struct rb_node *new, struct rb_root *root);

#endif /* _RBTREE_H */
