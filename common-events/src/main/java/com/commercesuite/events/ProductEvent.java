package com.commercesuite.events;

/** An event of one product (aggregate {@code product}, id the product id), on product-activity. */
public interface ProductEvent extends AggregateEvent {

    long productId();

    @Override
    default Ref aggregate() {
        return new Ref("product", productId());
    }
}
