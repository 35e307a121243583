package com.commercesuite.product.catalog;

import java.util.List;

/** One page of the catalogue, in id order. */
record ProductPage(List<ProductView> items, int page, int size) {
}
