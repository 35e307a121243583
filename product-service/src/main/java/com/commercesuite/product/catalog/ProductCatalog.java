package com.commercesuite.product.catalog;

import com.commercesuite.product.domain.Product;
import com.commercesuite.product.stock.ProductStock;
import java.math.BigDecimal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Adding products, looking them up and restocking them. */
@Service
class ProductCatalog {

    private static final Logger log = LoggerFactory.getLogger(ProductCatalog.class);

    private final ProductStock products;

    ProductCatalog(ProductStock products) {
        this.products = products;
    }

    @Transactional
    Product create(String name, BigDecimal price, int stock) {
        Product product = products.create(name, price, stock);
        log.info("Product {} created: name '{}', price {}, stock {}", product.id(), product.name(), product.price(), product.stock());
        return product;
    }

    @Transactional(readOnly = true)
    Product get(long id) {
        return products.find(id).orElseThrow(() -> new ProductNotFoundException(id));
    }

    @Transactional(readOnly = true)
    List<Product> page(int page, int size) {
        return products.page(page, size);
    }

    @Transactional
    Product restock(long id, int quantity) {
        Product product = products.restock(id, quantity).orElseThrow(() -> new ProductNotFoundException(id));
        log.info("Product {} restocked with {}: stock {}, reserved {}", id, quantity, product.stock(), product.reserved());
        return product;
    }
}
