package com.commercesuite.product.catalog;

import com.commercesuite.product.domain.Product;
import java.math.BigDecimal;

/** A product as the API shows it. */
record ProductView(long id, String name, BigDecimal price, int stock, int reserved, int available) {

    static ProductView of(Product product) {
        return new ProductView(product.id(), product.name(), product.price(), product.stock(), product.reserved(),
                product.available());
    }
}
