/*
 * Augmented red-black trees, with Linux's names and semantics: every node carries a value
 * computed from its own data and its children's augmented values (a summary of its whole
 * subtree, such as the largest free-area size below it), and the tree keeps the values
 * right through rotations and erases by calling back into the user. vmalloc's free-area
 * tree is the model user: sorted by address, augmented by the largest size in a subtree,
 * so the lowest-addressed area that fits a request is found by one descent.
 */
#ifndef _RBTREE_AUGMENTED_H
#define _RBTREE_AUGMENTED_H

#include <rbtree.h>

/*
 * How the tree keeps augmented values right. "Recompute" below means: set the node's
 * augmented value from its own data and its children's augmented values.
 *
 * @propagate: recompute @node, then its parent, and so on up to but not including @stop
 *	(NULL: up to and including the root). May end early at a node whose value did not
 *	change, since every ancestor's value is then still right.
 * @copy: @new has taken @old's place in the tree (its subtree holds the same nodes, less
 *	@old itself); give @new @old's augmented value. A propagate follows to correct it.
 * @rotate: a rotation has just made @new the parent of @old, in @old's former place.
 *	@new's subtree now holds what @old's held, so @new takes @old's augmented value;
 *	@old's children changed, so recompute @old.
 */
struct rb_augment_callbacks {
	void (*propagate)(struct rb_node *node, struct rb_node *stop);
	void (*copy)(struct rb_node *old, struct rb_node *new);
	void (*rotate)(struct rb_node *old, struct rb_node *new);
};

/**
 * rb_insert_augmented - rebalance an augmented tree after rb_link_node()
 * @node: the node just linked
 * @root: the tree
 * @augment: the tree's callbacks
 *
 * As rb_insert_color(), calling @augment->rotate after every rotation. Before the call the
 * augmented values must already be right as if the tree were not yet rebalanced: @node's
 * own value set, and every node on the search path from the root down to @node's parent
 * updated to include it (for a "max" value: raised to @node's value if below it). Callers
 * usually do that during the search that finds the place to link.
 */
void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *augment);

/**
 * rb_erase_augmented - remove a node from an augmented tree
 * @node: the node to remove; it must be on @root
 * @root: the tree
 * @augment: the tree's callbacks
 *
 * As rb_erase(); afterwards every remaining node's augmented value is right again, with
 * nothing for the caller to do. O(log n) callbacks.
 */
void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment_callbacks *augment);

/*
 * RB_DECLARE_CALLBACKS - define the callbacks for an augmented value
 * @RBSTATIC: "static" or empty: the linkage of the callbacks object
 * @RBNAME: name of the struct rb_augment_callbacks object to define; its functions are
 *	RBNAME_propagate(), RBNAME_copy() and RBNAME_rotate()
 * @RBSTRUCT: the type of the objects on the tree
 * @RBFIELD: the struct rb_node member of @RBSTRUCT
 * @RBAUGMENTED: the member of @RBSTRUCT holding the augmented value
 * @RBCOMPUTE: bool RBCOMPUTE(RBSTRUCT *node, bool exit): recompute node->RBAUGMENTED;
 *	if @exit is true and the value is unchanged, return true (propagation then stops)
 *
 * RBNAME_propagate(rb, stop) may also be called directly, after changing a node's own
 * data in place (e.g. shrinking a free area): it corrects the node and its ancestors.
 */
#define RB_DECLARE_CALLBACKS(RBSTATIC, RBNAME, RBSTRUCT, RBFIELD, RBAUGMENTED, RBCOMPUTE) \
	static inline void RBNAME##_propagate(struct rb_node *rb, struct rb_node *stop)   \
	{                                                                                 \
		for (; rb != stop; rb = rb_parent(rb))                                    \
			if (RBCOMPUTE(rb_entry(rb, RBSTRUCT, RBFIELD), true))             \
				break;                                                    \
	}                                                                                 \
	static inline void RBNAME##_copy(struct rb_node *rb_old, struct rb_node *rb_new)  \
	{                                                                                 \
		RBSTRUCT *__old = rb_entry(rb_old, RBSTRUCT, RBFIELD);                    \
		RBSTRUCT *__new = rb_entry(rb_new, RBSTRUCT, RBFIELD);                    \
                                                                                          \
		__new->RBAUGMENTED = __old->RBAUGMENTED;                                  \
	}                                                                                 \
	static void RBNAME##_rotate(struct rb_node *rb_old, struct rb_node *rb_new)       \
	{                                                                                 \
		RBNAME##_copy(rb_old, rb_new);                                            \
		RBCOMPUTE(rb_entry(rb_old, RBSTRUCT, RBFIELD), false);                    \
	}                                                                                 \
	RBSTATIC const struct rb_augment_callbacks RBNAME = {                             \
		.propagate = RBNAME##_propagate,                                          \
		.copy = RBNAME##_copy,                                                    \
		.rotate = RBNAME##_rotate,                                                \
	}

/*
 * RB_DECLARE_CALLBACKS_MAX - define the callbacks for "largest value in the subtree"
 * @RBSTATIC: "static" or empty: the linkage of the callbacks object
 * @RBNAME: name of the struct rb_augment_callbacks object to define
 * @RBSTRUCT: the type of the objects on the tree
 * @RBFIELD: the struct rb_node member of @RBSTRUCT
 * @RBTYPE: the type of the values (any type ordered by '<')
 * @RBAUGMENTED: the member of @RBSTRUCT holding the subtree maximum
 * @RBCOMPUTE: RBTYPE RBCOMPUTE(RBSTRUCT *node): the node's own value
 *
 * node->RBAUGMENTED is kept equal to the maximum of RBCOMPUTE(node) and the RBAUGMENTED of
 * its children, i.e. the largest RBCOMPUTE() in the node's subtree. Also defines
 * RBNAME_compute_max(), the RBCOMPUTE of RB_DECLARE_CALLBACKS().
 */
#define RB_DECLARE_CALLBACKS_MAX(RBSTATIC, RBNAME, RBSTRUCT, RBFIELD, RBTYPE, RBAUGMENTED,     \
				 RBCOMPUTE)                                                    \
	static inline bool RBNAME##_compute_max(RBSTRUCT *node, bool exit)                     \
	{                                                                                      \
		struct rb_node *__kids[2] = { node->RBFIELD.rb_left, node->RBFIELD.rb_right }; \
		RBTYPE __max = RBCOMPUTE(node);                                                \
                                                                                               \
		for (int __i = 0; __i < 2; __i++) {                                            \
			RBSTRUCT *__kid = rb_entry_safe(__kids[__i], RBSTRUCT, RBFIELD);       \
                                                                                               \
			if (__kid && __max < __kid->RBAUGMENTED)                               \
				__max = __kid->RBAUGMENTED;                                    \
		}                                                                              \
		if (exit && node->RBAUGMENTED == __max)                                        \
			return true;                                                           \
		node->RBAUGMENTED = __max;                                                     \
		return false;                                                                  \
	}                                                                                      \
	RB_DECLARE_CALLBACKS(RBSTATIC, RBNAME, RBSTRUCT, RBFIELD, RBAUGMENTED, RBNAME##_compute_max)

/* Colours, for code that checks a tree's shape (tests, debugging). */
#define RB_RED 0
#define RB_BLACK 1

/* rb_color - RB_RED or RB_BLACK, the colour of node @rb. */
#define rb_color(rb) ((rb)->__rb_parent_color & 1)
#define rb_is_red(rb) (rb_color(rb) == RB_RED)
#define rb_is_black(rb) (rb_color(rb) == RB_BLACK)

#endif /* _RBTREE_AUGMENTED_H */
