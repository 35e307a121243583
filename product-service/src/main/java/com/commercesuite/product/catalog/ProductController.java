package com.commercesuite.product.catalog;

import com.commercesuite.product.domain.Product;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/products")
class ProductController {

    static final int MAX_PAGE_SIZE = 100;

    private final ProductCatalog catalog;

    ProductController(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    @PostMapping
    ResponseEntity<ProductView> create(@Valid @RequestBody CreateProductRequest request) {
        Product product = catalog.create(request.name().strip(), request.price(), request.stock());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/products/" + product.id()))
                .body(ProductView.of(product));
    }

    @GetMapping("/{id}")
    ProductView get(@PathVariable long id) {
        return ProductView.of(catalog.get(id));
    }

    @GetMapping
    ProductPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw new InvalidPageException("page", "page must be 0 or more, was " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidPageException("size", "size must be between 1 and " + MAX_PAGE_SIZE + ", was " + size);
        }
        return new ProductPage(catalog.page(page, size).stream().map(ProductView::of).toList(), page, size);
    }

    @PostMapping("/{id}/restock")
    ProductView restock(@PathVariable long id, @Valid @RequestBody RestockRequest request) {
        return ProductView.of(catalog.restock(id, request.quantity()));
    }
}
