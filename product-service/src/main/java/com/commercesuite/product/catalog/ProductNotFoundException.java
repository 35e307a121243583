package com.commercesuite.product.catalog;

import com.commercesuite.web.problems.NotFoundException;

class ProductNotFoundException extends NotFoundException {

    ProductNotFoundException(long id) {
        super("product " + id + " does not exist");
    }
}
